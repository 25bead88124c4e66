using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

/// <summary>A page as a user sees it: the client ("browser") that loaded it and its document.</summary>
public abstract class HtmlPage(HttpClient client, IHtmlDocument document)
{
    public HttpClient Client { get; } = client;

    public IHtmlDocument Document { get; } = document;

    protected static async Task<IHtmlDocument> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ResponseAssert.IsHtmlDocumentAsync(response);
    }

    /// <summary>Follows a redirect the way a browser would and returns the next document.</summary>
    protected static async Task<IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage response, string expectedPath)
    {
        ResponseAssert.IsRedirectTo(response, expectedPath);
        return await GetAsync(client, response.Headers.Location!.OriginalString);
    }
}
