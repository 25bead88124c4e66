using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;

namespace RazorReset.Tests.Infrastructure;

public static class ResponseAssert
{
    public static Uri IsRedirect(HttpResponseMessage response)
    {
        Assert.True(
            response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found,
            $"Expected a redirect, got {(int)response.StatusCode}.");
        return Assert.IsAssignableFrom<Uri>(response.Headers.Location);
    }

    public static void IsRedirectTo(HttpResponseMessage response, string path)
    {
        var location = IsRedirect(response);
        var actual = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.Equal(path, actual.Split('?')[0], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>An RFC 9457 problem with the given status; returns its JSON.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        return json.RootElement.Clone();
    }

    public static async Task<IHtmlDocument> IsHtmlDocumentAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await HtmlHelpers.GetDocumentAsync(response);
    }
}

public static class HtmlAssert
{
    public static IHtmlFormElement HasForm(IHtmlDocument document, string id) =>
        Assert.IsAssignableFrom<IHtmlFormElement>(document.GetElementById(id));

    public static IHtmlElement HasElement(IHtmlDocument document, string id) =>
        Assert.IsAssignableFrom<IHtmlElement>(document.GetElementById(id));

    public static IHtmlAnchorElement HasLink(IHtmlDocument document, string id) =>
        Assert.IsAssignableFrom<IHtmlAnchorElement>(document.GetElementById(id));

    /// <summary>Validation messages shown next to a field (the span tied to it by aria-describedby).</summary>
    public static string FieldError(IHtmlDocument document, string errorId) =>
        HasElement(document, errorId).TextContent.Trim();

    /// <summary>
    /// U2: the field is marked invalid and its error is what aria-describedby points at, as a
    /// screen reader would announce it. Returns that text.
    /// </summary>
    public static string ErrorTiedTo(IHtmlDocument document, string inputId)
    {
        var input = HasElement(document, inputId);
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var describedBy = Assert.IsType<string>(input.GetAttribute("aria-describedby"));
        return string.Join(" ", describedBy.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => HasElement(document, id).TextContent.Trim()));
    }
}
