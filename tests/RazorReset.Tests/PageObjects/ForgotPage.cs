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

/// <summary>"Check your email", with the code form when this browser asked (A4).</summary>
public sealed class SentPage : HtmlPage
{
    public SentPage(HttpClient client, IHtmlDocument document) : base(client, document) =>
        Message = HtmlAssert.HasElement(document, "sent").TextContent;

    public string Message { get; }

    /// <summary>The address the page says it sent to, as a reader sees it.</summary>
    public string? Address => Document.GetElementById("sent-address")?.TextContent;

    public IHtmlFormElement? CodeForm => Document.GetElementById("code-form") as IHtmlFormElement;

    public static async Task<SentPage> VisitAsync(HttpClient client) => new(client, await GetAsync(client, "/Forgot/Sent"));

    public Task<HttpResponseMessage> PostCodeAsync(string code) =>
        Client.SendAsync(
            Assert.IsAssignableFrom<IHtmlFormElement>(CodeForm),
            HtmlAssert.HasElement(Document, "code-submit"),
            new Dictionary<string, string> { ["Input.Code"] = code });

    /// <summary>A4: the right code trades for the reset cookie, as the link does, and opens the new-password form.</summary>
    public async Task<NewPasswordPage> EnterCodeAsync(string code)
    {
        using var response = await PostCodeAsync(code);
        return await NewPasswordPage.OpenedByAsync(Client, response);
    }

    /// <summary>A refused code: the same page again, 400, with the reason by the field.</summary>
    public async Task<SentPage> EnterRefusedCodeAsync(string code)
    {
        using var response = await PostCodeAsync(code);
        return new SentPage(Client, await ResponseAssert.IsHtmlDocumentAsync(response, System.Net.HttpStatusCode.BadRequest));
    }

    public string CodeError => HtmlAssert.ErrorTiedTo(Document, "Input_Code");
}
