using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

/// <summary>The app's register page: one heading, the password rule up front, errors by their fields.</summary>
public sealed class RegisterPage : HtmlPage
{
    public const string Path = "/Identity/Account/Register";

    public RegisterPage(HttpClient client, IHtmlDocument document) : base(client, document)
    {
        Form = HtmlAssert.HasForm(document, "register-form");
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.StartsWith("At least 12 characters.", HtmlAssert.HasElement(document, "password-hint").TextContent.Trim());
    }

    public IHtmlFormElement Form { get; }

    public static async Task<RegisterPage> VisitAsync(HttpClient client) => new(client, await GetAsync(client, Path));

    public Task<HttpResponseMessage> PostAsync(string email, string password, string? confirmation = null) =>
        Client.SendAsync(Form, HtmlAssert.HasElement(Document, "register-submit"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirmation ?? password,
        });

    public async Task<RegisterConfirmationPage> RegisterAsync(string email, string password)
    {
        using var response = await PostAsync(email, password);
        return new RegisterConfirmationPage(Client, await FollowAsync(Client, response, RegisterConfirmationPage.Path));
    }
}
