using System.Net;
using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Email;

public sealed class DevMailPageTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // E5
    public async Task DevMail_ListsTheResetEmail_AndItsLinkLeadsToTheNewPasswordPage()
    {
        // Arrange
        var email = UserStories.UniqueEmail("devmail");
        await UserStories.CreateUserAsync(factory, email);
        await UserStories.RequestResetLinkAsync(factory, email);
        using var client = factory.CreateBrowser();

        // Act: the newcomer's clicks
        var messageDocument = await OpenMessageAsync(client, email);
        var link = messageDocument.QuerySelectorAll("#mail-links a").OfType<IHtmlAnchorElement>()
            .Single(a => a.GetAttribute("href")!.Contains("/ResetLink?"));
        var page = await NewPasswordPage.OpenFromLinkAsync(client, link.GetAttribute("href")!);

        // Assert
        Assert.Contains("Reset your RazorReset password", messageDocument.GetElementById("mail-message")!.TextContent);
        Assert.Contains("auto-generated", messageDocument.GetElementById("mail-headers")!.TextContent);
        Assert.NotNull(page.Form);
    }

    [Fact] // E5, S7: the HTML part as the recipient sees it, in a sandboxed frame; the page itself keeps its CSP
    public async Task DevMail_ShowsTheHtmlPart_InASandboxedFrame_WithoutLooseningThePagesPolicy()
    {
        // Arrange
        var email = UserStories.UniqueEmail("devmail-html");
        await UserStories.CreateUserAsync(factory, email);
        await UserStories.RequestResetLinkAsync(factory, email);
        using var client = factory.CreateBrowser();
        var messageDocument = await OpenMessageAsync(client, email);
        var frame = Assert.IsAssignableFrom<IHtmlInlineFrameElement>(messageDocument.GetElementById("mail-html"));

        // Act
        using var preview = await client.GetAsync(frame.Source);
        var html = await preview.Content.ReadAsStringAsync();

        // Assert: the frame cannot run script, and its document can neither script nor fetch anything
        Assert.Equal("allow-popups allow-popups-to-escape-sandbox", frame.GetAttribute("sandbox"));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var policy = preview.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("sandbox allow-popups allow-popups-to-escape-sandbox;", policy);
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("frame-ancestors 'self'", policy);
        Assert.DoesNotContain("script", policy);
        Assert.NotNull(Mailbox.LinkIn(html, "reset-link"));

        using var page = await client.GetAsync("/dev/mail");
        var pagePolicy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", pagePolicy);
        Assert.DoesNotContain("unsafe-inline", pagePolicy);
    }

    [Fact] // E5: a route value never becomes a path
    public async Task DevMail_Preview_IsNotFound_ForAnUnknownOrTraversingId()
    {
        using var client = factory.CreateBrowser();

        foreach (var id in new[] { "nope", "..%2F..%2Fkeys", "%2E%2E" })
        {
            using var response = await client.GetAsync($"/dev/mail/{id}/html");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact] // E5: with SMTP, the page says where mail goes instead of listing an old pickup folder
    public async Task DevMail_WithTheSmtpTransport_SaysWhereMailGoes()
    {
        await using var smtp = RazorResetFactory.With(new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = "2525",
            ["Email:Smtp:Security"] = "None",
        });
        using var client = smtp.CreateBrowser();

        using var response = await client.GetAsync("/dev/mail");
        var document = await ResponseAssert.IsHtmlDocumentAsync(response);

        Assert.Contains("127.0.0.1:2525", document.GetElementById("mail-destination")!.TextContent);
        Assert.Null(document.GetElementById("mail-list"));
    }

    [Fact] // S6, E5: the per-account limit is visible to the developer, never to the visitor
    public async Task DevMail_SaysWhichAccountsRequestsTheLimitDropped()
    {
        // Arrange
        await using var limited = RazorResetFactory.With(new Dictionary<string, string?> { ["PasswordReset:MaxEmailsPerAccountPerHour"] = "1" });
        var email = UserStories.UniqueEmail("devmail-limit");
        await UserStories.CreateUserAsync(limited, email);
        using var visitor = limited.CreateBrowser();

        // Act
        await (await ForgotPage.VisitAsync(visitor)).SendForgotPasswordAsync(email);
        var second = await (await ForgotPage.VisitAsync(visitor)).SendForgotPasswordAsync(email);
        await limited.WaitForResetRequestsProcessedAsync();
        using var response = await limited.CreateBrowser().GetAsync("/dev/mail");
        var document = await ResponseAssert.IsHtmlDocumentAsync(response);

        // Assert
        Assert.Contains("at most 1 reset emails an hour", document.GetElementById("per-account-limit")!.TextContent);
        var dropped = Assert.IsAssignableFrom<IHtmlElement>(document.GetElementById("throttled-accounts"));
        Assert.Contains($"{email}: 1 request dropped", dropped.TextContent);
        Assert.DoesNotContain("an hour", second.Document.Body!.TextContent);
    }

    [Fact] // E5: Development only
    public async Task DevMail_IsNotFound_OutsideDevelopment()
    {
        await using var production = RazorResetFactory.With(
            new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://localhost" }, environment: "Production");
        using var client = production.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/dev/mail");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<IHtmlDocument> OpenMessageAsync(HttpClient client, string email)
    {
        using var list = await client.GetAsync("/dev/mail");
        var listDocument = await ResponseAssert.IsHtmlDocumentAsync(list);
        var row = listDocument.QuerySelectorAll("#mail-list tbody tr").Single(r => r.TextContent.Contains(email));
        var open = Assert.IsAssignableFrom<IHtmlAnchorElement>(row.QuerySelector("a.mail-open"));
        using var message = await client.GetAsync(open.GetAttribute("href"));
        return await ResponseAssert.IsHtmlDocumentAsync(message);
    }
}
