using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

/// <summary>"Check your email" after registering or asking for the confirmation again, with its next steps.</summary>
public sealed class RegisterConfirmationPage : HtmlPage
{
    public const string Path = "/Identity/Account/RegisterConfirmation";

    public RegisterConfirmationPage(HttpClient client, IHtmlDocument document) : base(client, document)
    {
        Assert.Equal("Check your email", Assert.Single(document.QuerySelectorAll("main h1")).TextContent.Trim());
        HtmlAssert.HasElement(document, "confirmation-sent");
        HtmlAssert.HasLink(document, "confirmation-signin");
        HtmlAssert.HasLink(document, "confirmation-resend");
    }

    public static async Task<RegisterConfirmationPage> VisitAsync(HttpClient client) => new(client, await GetAsync(client, Path));

    public string Message => HtmlAssert.HasElement(Document, "confirmation-sent").TextContent.Trim();

    /// <summary>The address the page says it wrote to, if it names one.</summary>
    public string? Address => Document.GetElementById("confirmation-address")?.TextContent.Trim();
}
