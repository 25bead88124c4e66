using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

public sealed class ForgotPage : HtmlPage
{
    private ForgotPage(HttpClient client, IHtmlDocument document) : base(client, document)
    {
        Form = HtmlAssert.HasForm(document, "forgot-form");
        Submit = HtmlAssert.HasElement(document, "forgot-submit");
    }

    public IHtmlFormElement Form { get; }

    public IHtmlElement Submit { get; }

    public static async Task<ForgotPage> VisitAsync(HttpClient client) => new(client, await GetAsync(client, "/Forgot"));

    public Task<HttpResponseMessage> PostAsync(string email) =>
        Client.SendAsync(Form, Submit, new Dictionary<string, string> { ["Input.Email"] = email });

    /// <summary>F1: submit, expect the one redirect, land on the "check your email" page.</summary>
    public async Task<SentPage> SendForgotPasswordAsync(string email)
    {
        using var response = await PostAsync(email);
        return new SentPage(Client, await FollowAsync(Client, response, "/Forgot/Sent"));
    }
}

public sealed class SentPage : HtmlPage
{
    public SentPage(HttpClient client, IHtmlDocument document) : base(client, document) =>
        Message = HtmlAssert.HasElement(document, "sent").TextContent;

    public string Message { get; }
}
