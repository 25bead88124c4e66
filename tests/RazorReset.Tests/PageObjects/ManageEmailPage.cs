using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

/// <summary>The manage area's email page, for a signed-in browser.</summary>
public sealed class ManageEmailPage : HtmlPage
{
    public const string Path = "/Identity/Account/Manage/Email";

    public ManageEmailPage(HttpClient client, IHtmlDocument document) : base(client, document) =>
        Form = HtmlAssert.HasForm(document, "email-form");

    public IHtmlFormElement Form { get; }

    public string CurrentEmail => HtmlAssert.HasElement(Document, "current-email").TextContent.Trim();

    public IHtmlElement? Status => Document.GetElementById("status-message") as IHtmlElement;

    public static async Task<ManageEmailPage> VisitAsync(HttpClient client) => new(client, await GetAsync(client, Path));

    public Task<HttpResponseMessage> PostAsync(string newEmail) =>
        Client.SendAsync(Form, HtmlAssert.HasElement(Document, "change-email-button"), new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail,
        });

    public async Task<ManageEmailPage> ChangeAsync(string newEmail)
    {
        using var response = await PostAsync(newEmail);
        return new ManageEmailPage(Client, await FollowAsync(Client, response, Path));
    }
}
