using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Email;

public sealed class AtRestTests(Smtp4devServer smtp4dev) : IClassFixture<Smtp4devServer>
{
    [Fact] // S1, E2
    public async Task TheDatabaseFile_HoldsNoToken_AndNoPlainTextQueuedBody()
    {
        // Arrange: the message waits in the outbox while SMTP is down
        await using var factory = RazorResetFactory.With(smtp4dev.SmtpSettings);
        var email = UserStories.UniqueEmail("atrest");
        await UserStories.CreateUserAsync(factory, email);
        await smtp4dev.StopAsync();
        using var client = factory.CreateBrowser();
        await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        await factory.WaitForResetRequestsProcessedAsync();

        // Act 1: read the queued state straight from the SQLite files
        var whileQueued = ReadDatabaseFiles(factory);

        Assert.Equal(1, await factory.QueryAsync(db => db.OutboxMessages.CountAsync()));
        Assert.DoesNotContain("Reset your RazorReset password", whileQueued);
        Assert.DoesNotContain("ResetLink?uid=", whileQueued);
        Assert.DoesNotContain("Didn't ask for this?", whileQueued);

        // Act 2: deliver, then look for the token the email carried, in every form
        await smtp4dev.StartAsync();
        var message = await smtp4dev.WaitForAsync(email);
        await factory.WaitForOutboxDrainedAsync();
        var urlToken = QueryHelpers.ParseQuery(new Uri(Mailbox.LinkIn(message.Html, "reset-link")).Query)["token"].ToString();
        var identityToken = Convert.ToBase64String(WebEncoders.Base64UrlDecode(urlToken));
        var afterDelivery = ReadDatabaseFiles(factory);

        // Assert
        Assert.DoesNotContain(urlToken[^40..], afterDelivery);
        Assert.DoesNotContain(identityToken[^40..], afterDelivery);
        Assert.Equal(0, await factory.QueryAsync(db => db.OutboxMessages.CountAsync())); // E2: deleted once delivered
    }

    private static string ReadDatabaseFiles(RazorResetFactory factory)
    {
        SqliteConnection.ClearAllPools();
        var text = "";
        foreach (var path in new[] { factory.DatabasePath, factory.DatabasePath + "-wal" })
        {
            if (!File.Exists(path)) continue;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            text += reader.ReadToEnd();
        }

        return text;
    }
}
