using AngleSharp.Html.Dom;

namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// Submits the page's real form: AngleSharp builds the body from its fields (hidden antiforgery
/// token included) and the client's cookie jar carries the antiforgery cookie, as a browser would.
/// </summary>
public static class HttpClientExtensions
{
    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, IHtmlFormElement form, IHtmlElement submitButton) =>
        client.SendAsync(form, submitButton, new Dictionary<string, string>());

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, IHtmlFormElement form, IEnumerable<KeyValuePair<string, string>> values) =>
        client.SendAsync(form, Assert.IsAssignableFrom<IHtmlElement>(form.QuerySelector("button[type=submit], input[type=submit]")), values);

    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient client,
        IHtmlFormElement form,
        IHtmlElement submitButton,
        IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (name, value) in values)
        {
            var element = Assert.IsAssignableFrom<IHtmlInputElement>(form[name]);
            element.Value = value;
        }

        var submission = form.GetSubmission(submitButton);
        Assert.NotNull(submission);
        var target = new Uri(submission.Target.Href);
        if (submitButton.HasAttribute("formaction"))
        {
            target = new Uri(submitButton.GetAttribute("formaction")!, UriKind.RelativeOrAbsolute);
        }

        var content = new StreamContent(submission.Body);
        var request = new HttpRequestMessage(new HttpMethod(submission.Method.ToString()), target) { Content = content };
        foreach (var header in submission.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return await client.SendAsync(request);
    }
}
