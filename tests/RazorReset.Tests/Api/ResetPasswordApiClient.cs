using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Api;

/// <summary>
/// What a native app does with the JSON API: plain JSON requests, no cookie jar, no redirects.
/// The API's counterpart of the page objects.
/// </summary>
public sealed class ResetPasswordApiClient(RazorResetFactory factory) : IDisposable
{
    public const string Route = "/api/v1/auth/reset-password";

    public HttpClient Http { get; } = factory.CreateClient(new()
    {
        BaseAddress = factory.ClientOptions.BaseAddress, // the real address when the host runs on Kestrel
        AllowAutoRedirect = false,
        HandleCookies = false,
    });

    public Task<HttpResponseMessage> SendLinkAsync(string email) => Http.PostAsJsonAsync(Route, new { email });

    public Task<HttpResponseMessage> ResetAsync(object body) => Http.PatchAsJsonAsync(Route, body);

    public Task<HttpResponseMessage> ResetAsync(EmailedLink link, string password) =>
        ResetAsync(new { userId = link.UserId, token = link.Token, password });

    /// <summary>A4: what a native app sends with the code the user read from the email.</summary>
    public Task<HttpResponseMessage> ResetWithCodeAsync(string email, string code, string password) =>
        ResetAsync(new { email, code, password });

    /// <summary>A1 → E3, A4: asks for a reset and returns the code and the link of the nth reset email.</summary>
    public async Task<(string Code, EmailedLink Link)> RequestCodeAsync(string email, int nth = 1)
    {
        using var response = await SendLinkAsync(email);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = await factory.Mailbox.WaitForAsync(email, "Reset your", nth);
        return (Mailbox.CodeIn(message.Html), EmailedLink.Parse(Mailbox.LinkIn(message.Html, "reset-link")));
    }

    /// <summary>A1 → E3: asks for a link and returns the uid and token of the nth reset email.</summary>
    public async Task<EmailedLink> RequestLinkAsync(string email, int nth = 1)
    {
        using var response = await SendLinkAsync(email);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = await factory.Mailbox.WaitForAsync(email, "Reset your", nth);
        return EmailedLink.Parse(Mailbox.LinkIn(message.Html, "reset-link"));
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>The <c>uid</c> and <c>token</c> a native app reads from the emailed link's query string.</summary>
public sealed record EmailedLink(string UserId, string Token)
{
    public static EmailedLink Parse(string link)
    {
        var query = QueryHelpers.ParseQuery(new Uri(link).Query);
        return new EmailedLink(Assert.Single(query["uid"])!, Assert.Single(query["token"])!);
    }
}
