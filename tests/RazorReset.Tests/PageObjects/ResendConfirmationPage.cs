using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

public sealed class ResendConfirmationPage : HtmlPage
{
    public const string Path = "/Identity/Account/ResendEmailConfirmation";

    public ResendConfirmationPage(HttpClient client, IHtmlDocument document) : base(client, document) =>
        Form = HtmlAssert.HasForm(document, "resend-form");

    public IHtmlFormElement Form { get; }

    public static async Task<ResendConfirmationPage> VisitAsync(HttpClient client) => new(client, await GetAsync(client, Path));

    public Task<HttpResponseMessage> PostAsync(string email) =>
        Client.SendAsync(Form, HtmlAssert.HasElement(Document, "resend-submit"), new Dictionary<string, string> { ["Input.Email"] = email });

    public async Task<RegisterConfirmationPage> ResendAsync(string email)
    {
        using var response = await PostAsync(email);
        return new RegisterConfirmationPage(Client, await FollowAsync(Client, response, RegisterConfirmationPage.Path));
    }
}
