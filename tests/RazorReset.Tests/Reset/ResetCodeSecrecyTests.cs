using System.Text;
using Microsoft.Data.Sqlite;
using RazorReset.Tests.Api;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

public sealed class ResetCodeSecrecyTests
{
    [Fact] // A4, S1, S11: no code in any log line at any level, nor anywhere in the database file
    public async Task CodeJourneysAtTraceLevel_LeaveTheCodeInNoLogAndNotInTheDatabase()
    {
        // Arrange: everything at Trace, ASP.NET Core's and EF Core's own logging included
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        });
        var email = UserStories.UniqueEmail("code-logs");
        var apiEmail = UserStories.UniqueEmail("code-logs-api");
        await UserStories.CreateUserAsync(factory, email);
        await UserStories.CreateUserAsync(factory, apiEmail);
        using var client = factory.CreateBrowser();
        using var app = new ResetPasswordApiClient(factory);

        // Act: a wrong code and the right one in the browser; a wrong code and the right one in the API
        var (sent, message) = await UserStories.RequestResetEmailAsync(factory, client, email);
        var code = Mailbox.CodeIn(message.Html);
        var (apiCode, _) = await app.RequestCodeAsync(apiEmail);
        var codes = new[] { code, apiCode };
        sent = await sent.EnterRefusedCodeAsync(ResetCodeGuessingTests.WrongCodes(code).First());
        var stillLive = ReadDatabase(factory); // before the resets: the codes are live here
        await (await sent.EnterCodeAsync(code)).ChangePasswordAsync(UserStories.NewPassword);
        using (await app.ResetWithCodeAsync(apiEmail, ResetCodeGuessingTests.WrongCodes(apiCode).First(), UserStories.NewPassword)) { }
        using (await app.ResetWithCodeAsync(apiEmail, apiCode, UserStories.NewPassword)) { }
        await factory.WaitForOutboxDrainedAsync();

        // Assert
        var secrets = codes.SelectMany(c => new[] { c, c.Replace(" ", "") })
            .Concat(ResetCodeGuessingTests.WrongCodes(code).Take(1))
            .ToList();
        var lines = factory.Logs.Lines;
        Assert.Contains(lines, l => l.EventId.Id == 1022); // the accepted code was logged, by account only (O4)
        Assert.Contains(lines, l => l.EventId.Id == 1021);
        Assert.Contains(lines, l => l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && l.Message.Contains("/Forgot/Sent"));
        foreach (var line in lines.Select(l => l.ToString()))
        {
            Assert.DoesNotContain(secrets, secret => line.Contains(secret, StringComparison.Ordinal));
        }

        foreach (var contents in new[] { stillLive, ReadDatabase(factory) })
        {
            Assert.DoesNotContain(secrets, secret => contents.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>The database's bytes, its write-ahead log included, as Latin-1 text so any ASCII run is findable.</summary>
    private static string ReadDatabase(RazorResetFactory factory)
    {
        SqliteConnection.ClearAllPools();
        var text = new StringBuilder();
        foreach (var path in new[] { factory.DatabasePath, factory.DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
