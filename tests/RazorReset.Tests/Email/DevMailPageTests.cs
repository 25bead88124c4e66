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
        using var list = await client.GetAsync("/dev/mail");
        var listDocument = await ResponseAssert.IsHtmlDocumentAsync(list);
        var row = listDocument.QuerySelectorAll("#mail-list tbody tr").Single(r => r.TextContent.Contains(email));
        var open = Assert.IsAssignableFrom<IHtmlAnchorElement>(row.QuerySelector("a.mail-open"));
        using var message = await client.GetAsync(open.GetAttribute("href"));
        var messageDocument = await ResponseAssert.IsHtmlDocumentAsync(message);
        var link = messageDocument.QuerySelectorAll("#mail-links a").OfType<IHtmlAnchorElement>()
            .Single(a => a.GetAttribute("href")!.Contains("/ResetLink?"));
        var page = await NewPasswordPage.OpenFromLinkAsync(client, link.GetAttribute("href")!);

        // Assert
        Assert.Contains("Reset your RazorReset password", messageDocument.GetElementById("mail-message")!.TextContent);
        Assert.NotNull(page.Form);
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
}
