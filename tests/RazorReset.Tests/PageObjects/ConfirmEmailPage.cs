using System.Net;
using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

/// <summary>Where the confirmation email's link leads: confirmed (200) or invalid (400), each with a next step.</summary>
public sealed class ConfirmEmailPage : HtmlPage
{
    private ConfirmEmailPage(HttpClient client, IHtmlDocument document, bool confirmed) : base(client, document)
    {
        Confirmed = confirmed;
        HtmlAssert.HasElement(document, confirmed ? "confirm-done" : "confirm-invalid");
        NextStep = HtmlAssert.HasLink(document, confirmed ? "confirm-login" : "confirm-resend");
    }

    public bool Confirmed { get; }

    public IHtmlAnchorElement NextStep { get; }

    public static async Task<ConfirmEmailPage> OpenAsync(HttpClient client, string pathAndQuery)
    {
        using var response = await client.GetAsync(pathAndQuery);
        var confirmed = response.StatusCode == HttpStatusCode.OK;
        var document = await ResponseAssert.IsHtmlDocumentAsync(response, confirmed ? HttpStatusCode.OK : HttpStatusCode.BadRequest);
        return new ConfirmEmailPage(client, document, confirmed);
    }
}
