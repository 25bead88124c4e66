using System.Net;
using System.Text.RegularExpressions;
using RazorReset.PasswordReset;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Forgot;

/// <summary>Provider-neutral: run on SQLite by <see cref="ForgotUniformityOnSqliteTests"/> and on PostgreSQL by a subclass in PostgreSql/.</summary>
public abstract partial class ForgotUniformityTests(RazorResetFactory factory)
{
    /// <summary>A host with other settings, on a database of its own of the same kind.</summary>
    protected abstract RazorResetFactory Host(IDictionary<string, string?> settings);

    [Fact] // F1, F2, S4, S6
    public async Task Forgot_ReturnsByteIdenticalResponses_ForExistingUnknownUnconfirmedAndThrottledAddresses()
    {
        // Arrange
        // Addresses of one length: the pending cookie carries the typed address, so only its length may show.
        var existing = UserStories.UniqueEmail("exists");
        var unconfirmed = UserStories.UniqueEmail("unconf");
        var throttled = UserStories.UniqueEmail("capped");
        var unknown = UserStories.UniqueEmail("nobody");
        await UserStories.CreateUserAsync(factory, existing);
        await UserStories.CreateUserAsync(factory, unconfirmed, confirmed: false);
        await UserStories.CreateUserAsync(factory, throttled);
        for (var i = 1; i <= 3; i++) await UserStories.RequestResetLinkAsync(factory, throttled, i);

        // Act
        var responses = new List<CapturedResponse>();
        foreach (var email in new[] { existing, unknown, unconfirmed, throttled })
        {
            responses.Add(await PostForgotAsync(email));
        }

        await factory.WaitForResetRequestsProcessedAsync();
        await factory.WaitForOutboxDrainedAsync();

        // Assert: nothing the client sees differs
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Found, r.Status));
        Assert.Contains($"Set-Cookie: {PendingResetCookie.Name}=[", responses[0].Headers);
        Assert.All(responses, r => Assert.Equal(responses[0].Headers, r.Headers));
        Assert.All(responses, r => Assert.Equal(responses[0].Body, r.Body));
        Assert.All(responses, r => Assert.Equal(responses[0].NextPage, r.NextPage));
        Assert.Contains("<strong id=\"sent-address\">ADDRESS</strong>", responses[0].NextPage);

        // Assert: the right emails — one, none, one (following it confirms the address), none beyond the cap
        Assert.Single(factory.Mailbox.Matching(existing, "Reset your"));
        Assert.Empty(factory.Mailbox.To(unknown));
        Assert.Single(factory.Mailbox.Matching(unconfirmed, "Reset your"));
        Assert.Equal(3, factory.Mailbox.Matching(throttled, "Reset your").Count);
    }

    [Fact] // F1; issue 15, item 8: the address it went to, so a typo shows
    public async Task SentPage_NamesTheAddress_SaysALinkWasSentIfTheAccountExists_AndWhenItExpires()
    {
        using var client = factory.CreateBrowser();
        var email = UserStories.UniqueEmail();
        var sent = await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);

        Assert.Contains($"If an account exists for {email}, we have sent a link to it. It expires in 30 minutes.", sent.Message);
        Assert.Equal(email, sent.Address);
        Assert.Equal("/Forgot", HtmlAssert.HasLink(sent.Document, "sent-wrong-address").GetAttribute("href"));
    }

    [Fact] // S4, XSS: the typed address comes back encoded, from the encrypted cookie, never through a URL
    public async Task SentPage_ShowsTheTypedAddressAsText_AndNeverPutsItInAUrl()
    {
        using var client = factory.CreateBrowser();
        var email = $"<b>bold</b>{UserStories.UniqueEmail()}";
        var forgot = await ForgotPage.VisitAsync(client);

        using var response = await forgot.PostAsync(email);
        ResponseAssert.IsRedirectTo(response, "/Forgot/Sent");
        using var next = await client.GetAsync(response.Headers.Location);
        var html = await next.Content.ReadAsStringAsync();
        var sent = new SentPage(client, await HtmlHelpers.GetDocumentAsync(next));

        Assert.Equal(email, sent.Address);
        Assert.Empty(sent.Document.QuerySelectorAll("#sent b"));
        Assert.DoesNotContain("<b>bold</b>", html);
        Assert.DoesNotContain("example.test", response.Headers.Location!.OriginalString);
    }

    [Fact] // F1: without the pending-reset cookie (another browser, or expired) the page names no address
    public async Task SentPage_OpenedWithoutAsking_NamesNoAddress()
    {
        using var client = factory.CreateBrowser();

        var sent = await SentPage.VisitAsync(client);

        Assert.Null(sent.Address);
        Assert.Contains("If an account exists for that address, we have sent a link. It expires in 30 minutes.", sent.Message);
    }

    [Fact] // F2
    public async Task ProcessedRequests_DoNotKeepTheAddress()
    {
        var email = UserStories.UniqueEmail("forget-me");
        await UserStories.CreateUserAsync(factory, email);

        await UserStories.RequestResetLinkAsync(factory, email);
        await factory.WaitForResetRequestsProcessedAsync();

        var addresses = await factory.QueryAsync(db => Task.FromResult(db.ResetRequests.Select(r => r.NormalizedEmail).ToList()));
        Assert.All(addresses, Assert.Null);
    }

    [Fact] // F2: submissions arriving together share one commit (group commit); each is still recorded once
    public async Task ConcurrentSubmissions_AreEachRecordedExactlyOnce()
    {
        // Arrange
        await using var own = Host(new Dictionary<string, string?>());
        var browsers = Enumerable.Range(0, 20).Select(_ => own.CreateBrowser()).ToList();
        var pages = await Task.WhenAll(browsers.Select(ForgotPage.VisitAsync));

        // Act
        var responses = await Task.WhenAll(pages.Select((page, i) => page.PostAsync(UserStories.UniqueEmail($"together{i}"))));

        // Assert
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Found, response.StatusCode));
        Assert.Equal(20, await own.QueryAsync(db => Task.FromResult(db.ResetRequests.Count())));
        foreach (var disposable in responses.Cast<IDisposable>().Concat(browsers)) disposable.Dispose();
    }

    [Fact] // F3, S8
    public async Task ResetEmail_LinkUsesThePublicBaseUrl_EvenWithAForgedHostHeader()
    {
        var email = UserStories.UniqueEmail("host");
        await UserStories.CreateUserAsync(factory, email);
        using var client = factory.CreateBrowser();
        client.DefaultRequestHeaders.Host = "attacker.example";

        await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        var message = await factory.Mailbox.WaitForAsync(email, "Reset your");

        var link = Mailbox.LinkIn(message.Html, "reset-link");
        Assert.Matches(@"^http://localhost:5080/ResetLink\?uid=[0-9a-f-]{36}&token=[A-Za-z0-9_-]+$", link);
        Assert.DoesNotContain("attacker.example", message.Html + message.Text);
    }

    [Fact] // E3
    public async Task ResetEmail_IsMultipart_WithTheLinkEncoded_TheExpiry_AndADidntAskLine()
    {
        var email = UserStories.UniqueEmail("multipart");
        await UserStories.CreateUserAsync(factory, email);

        var link = await UserStories.RequestResetLinkAsync(factory, email);
        var message = factory.Mailbox.Matching(email, "Reset your").Single();
        var raw = File.ReadAllText(Path.Combine(factory.MailDirectory, message.Id + ".eml"));

        Assert.Contains("multipart/alternative", raw);
        Assert.Contains(link, message.Text);
        Assert.Contains(link.Replace("&", "&amp;"), message.Html); // HTML-encoded in the HTML part
        Assert.Contains("expires in 30 minutes", message.Text);
        Assert.Contains("Didn't ask for this?", message.Text);
        Assert.Contains("Didn't ask for this?", message.Html);
    }

    private async Task<CapturedResponse> PostForgotAsync(string email)
    {
        using var client = factory.CreateBrowser();
        var page = await ForgotPage.VisitAsync(client);
        using var response = await page.PostAsync(email);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .Select(h => $"{h.Key}: {string.Join(",", h.Value.Select(Shape))}")
            .OrderBy(h => h, StringComparer.Ordinal)
            .ToList();
        var body = await response.Content.ReadAsByteArrayAsync();
        using var next = await client.GetAsync(response.Headers.Location);
        var nextPage = AntiforgeryValue().Replace((await next.Content.ReadAsStringAsync()).Replace(email, "ADDRESS", StringComparison.Ordinal), "$1[token]\"");
        return new CapturedResponse(response.StatusCode, string.Join("\n", headers), Convert.ToBase64String(body), nextPage);
    }

    /// <summary>
    /// A4: the pending-reset cookie's encrypted value differs on every response by design; all else
    /// (name, attributes, the value's length) must not differ at all.
    /// </summary>
    private static string Shape(string header) => PendingCookieValue().Replace(header, m => $"{m.Groups[1].Value}[{m.Groups[2].Length} chars]");

    [GeneratedRegex($"^({PendingResetCookie.Name}=)([^;]+)")]
    private static partial Regex PendingCookieValue();

    [GeneratedRegex("(name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]+\"")]
    private static partial Regex AntiforgeryValue();

    private sealed record CapturedResponse(HttpStatusCode Status, string Headers, string Body, string NextPage);
}
