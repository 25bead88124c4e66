using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.PostgreSql;

/// <summary>Email/AtRestTests on PostgreSQL: what the server holds, read as pg_dump writes it out.</summary>
public sealed class AtRestOnPostgreSqlTests
{
    [Fact] // S1, E2
    public async Task TheDatabase_HoldsNoToken_AndNoPlainTextQueuedBody()
    {
        // Arrange: the message waits in the outbox while SMTP is unreachable
        var database = PostgreSqlServer.NewDatabaseSettings();
        var factory = RazorResetFactory.With(new Dictionary<string, string?>(database)
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = "9", // discard: nothing listens
            ["Email:MaxAttempts"] = "50",
        });
        var email = UserStories.UniqueEmail("atrest");
        await UserStories.CreateUserAsync(factory, email);
        using (var client = factory.CreateBrowser()) await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        await factory.WaitForResetRequestsProcessedAsync();

        // Act 1: everything the server holds while the message is queued
        var whileQueued = await PostgreSqlServer.DumpAsync(database["ConnectionStrings:Default"]!);

        Assert.Equal(1, await factory.QueryAsync(db => db.OutboxMessages.CountAsync()));
        Assert.Contains("OutboxMessages", whileQueued); // positive control: the dump has the table's rows
        Assert.DoesNotContain("Reset your RazorReset password", whileQueued);
        Assert.DoesNotContain("ResetLink?uid=", whileQueued);
        Assert.DoesNotContain("Didn't ask for this?", whileQueued);

        // Act 2: deliver (to the pickup folder after a restart), then look for the token it carried
        await using var delivered = await factory.RestartAsync(new Dictionary<string, string?>(database) { ["Email:Transport"] = "Pickup" });
        var message = await delivered.Mailbox.WaitForAsync(email, "Reset your");
        await delivered.WaitForOutboxDrainedAsync();
        var urlToken = QueryHelpers.ParseQuery(new Uri(Mailbox.LinkIn(message.Html, "reset-link")).Query)["token"].ToString();
        var identityToken = Convert.ToBase64String(WebEncoders.Base64UrlDecode(urlToken));
        var afterDelivery = await PostgreSqlServer.DumpAsync(database["ConnectionStrings:Default"]!);

        // Assert
        Assert.DoesNotContain(urlToken[^40..], afterDelivery);
        Assert.DoesNotContain(identityToken[^40..], afterDelivery);
        Assert.Equal(0, await delivered.QueryAsync(db => db.OutboxMessages.CountAsync())); // E2: deleted once delivered
    }
}
