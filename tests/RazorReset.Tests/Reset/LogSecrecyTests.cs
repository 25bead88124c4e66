using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

/// <summary>Provider-neutral: run on SQLite by <see cref="LogSecrecyOnSqliteTests"/> and on PostgreSQL by a subclass in PostgreSql/.</summary>
public abstract class LogSecrecyTests
{
    /// <summary>A host with other settings, on a database of its own of the same kind.</summary>
    protected abstract RazorResetFactory Host(IDictionary<string, string?> settings);

    [Fact] // S11, O4
    public async Task AFullJourneyAtTraceLevel_LogsNoToken_NoLinkQuery_AndNoPassword()
    {
        // Arrange: everything at Trace, ASP.NET Core's request logging included
        await using var factory = Host(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        });
        var email = UserStories.UniqueEmail("logs");
        await UserStories.CreateUserAsync(factory, email);

        // Act: request, open the link (GET and HEAD), a refused password, then the real one, then sign in
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        using var client = factory.CreateBrowser();
        using (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, NewPasswordPage.PathOf(link)))) { }
        var page = await NewPasswordPage.OpenFromLinkAsync(client, link);
        using (await page.PostAsync("qwertyqwerty")) { }
        await page.ChangePasswordAsync(UserStories.NewPassword);
        await UserStories.SignInAsync(factory, factory.CreateBrowser(), email, UserStories.NewPassword);
        await factory.WaitForOutboxDrainedAsync();

        // Assert
        var urlToken = QueryHelpers.ParseQuery(new Uri(link).Query)["token"].ToString();
        var identityToken = Convert.ToBase64String(WebEncoders.Base64UrlDecode(urlToken));
        var secrets = new[]
        {
            urlToken[^32..],
            identityToken[^32..],
            Uri.EscapeDataString(identityToken)[^32..],
            new Uri(link).Query,
            UserStories.NewPassword,
            UserStories.GoodPassword,
            "qwertyqwerty",
        };
        var lines = factory.Logs.Lines;
        Assert.True(lines.Count > 200, $"Only {lines.Count} lines were captured: is Trace on?");
        Assert.Contains(lines, l => l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && l.Message.Contains("/ResetLink"));
        foreach (var line in lines)
        {
            var text = line.ToString();
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret leaked into: {text}");
            }
        }

        // O4: the security events are there, with their ids
        var ids = lines.Select(l => l.EventId.Id).ToHashSet();
        Assert.Superset(new HashSet<int> { 1001, 1004, 1007, 2002 }, ids);
        Assert.Contains(lines, l => l.EventId.Id == 1007 && l.Level == LogLevel.Information);
    }
}
