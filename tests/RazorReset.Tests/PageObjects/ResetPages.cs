using System.Net;
using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

public sealed class NewPasswordPage : HtmlPage
{
    private NewPasswordPage(HttpClient client, IHtmlDocument document) : base(client, document) =>
        Form = HtmlAssert.HasForm(document, "new-password-form");

    public IHtmlFormElement Form { get; }

    /// <summary>F4: the emailed link trades its token for the reset cookie and redirects here.</summary>
    public static async Task<NewPasswordPage> OpenFromLinkAsync(HttpClient client, string link)
    {
        using var response = await client.GetAsync(PathOf(link));
        return new NewPasswordPage(client, await FollowAsync(client, response, "/NewPassword"));
    }

    /// <summary>The redirect a handoff answered with (from a link or a code), followed to the form.</summary>
    public static async Task<NewPasswordPage> OpenedByAsync(HttpClient client, HttpResponseMessage response) =>
        new(client, await FollowAsync(client, response, "/NewPassword"));

    public static string PathOf(string link) => new Uri(link).PathAndQuery;

    public Task<HttpResponseMessage> PostAsync(string password, string? confirmation = null) =>
        Client.SendAsync(Form, HtmlAssert.HasElement(Document, "new-password-submit"), new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirmation ?? password,
        });

    /// <summary>The form as it came back with errors, ready for another try.</summary>
    public static NewPasswordPage Retry(HttpClient client, IHtmlDocument document) => new(client, document);

    public async Task<DonePage> ChangePasswordAsync(string password)
    {
        using var response = await PostAsync(password);
        return new DonePage(Client, await FollowAsync(Client, response, "/NewPassword/Done"));
    }
}

public sealed class DonePage : HtmlPage
{
    public DonePage(HttpClient client, IHtmlDocument document) : base(client, document) =>
        HtmlAssert.HasElement(document, "password-changed");
}

/// <summary>F4/F5: the one outcome for every bad link, whatever was wrong with it.</summary>
public static class InvalidLinkPage
{
    public static async Task<IHtmlDocument> AssertAsync(HttpResponseMessage response)
    {
        var document = await ResponseAssert.IsHtmlDocumentAsync(response, HttpStatusCode.BadRequest);
        HtmlAssert.HasElement(document, "invalid-link");
        Assert.Equal("/Forgot", HtmlAssert.HasLink(document, "request-new-link").GetAttribute("href"));
        return document;
    }
}
