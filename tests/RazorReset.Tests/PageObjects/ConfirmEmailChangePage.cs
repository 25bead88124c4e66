using System.Net;
using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

/// <summary>Where the link mailed to a new address leads: changed (200) or invalid (400), each with a next step.</summary>
public sealed class ConfirmEmailChangePage : HtmlPage
{
    private ConfirmEmailChangePage(HttpClient client, IHtmlDocument document, bool changed, bool signedIn) : base(client, document)
    {
        Changed = changed;
        HtmlAssert.HasElement(document, changed ? "email-change-done" : "email-change-invalid");
        NextStep = HtmlAssert.HasLink(document, changed ? signedIn ? "email-change-manage" : "email-change-login" : "email-change-retry");
    }

    public bool Changed { get; }

    public IHtmlAnchorElement NextStep { get; }

    public string? NewEmail => Document.GetElementById("email-change-address")?.TextContent;

    public static async Task<ConfirmEmailChangePage> OpenAsync(HttpClient client, string link, bool signedIn = false)
    {
        using var response = await client.GetAsync(new Uri(new Uri("http://localhost"), link).PathAndQuery);
        var changed = response.StatusCode == HttpStatusCode.OK;
        var document = await ResponseAssert.IsHtmlDocumentAsync(response, changed ? HttpStatusCode.OK : HttpStatusCode.BadRequest);
        return new ConfirmEmailChangePage(client, document, changed, signedIn);
    }
}
