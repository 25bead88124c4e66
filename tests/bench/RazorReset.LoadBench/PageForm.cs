using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace RazorReset.LoadBench;

/// <summary>An antiforgery cookie (name=value) and the form token issued with it.</summary>
public sealed record AntiforgeryPair(string Cookie, string Token);

/// <summary>
/// A form of either app driven as a browser would: GET the page, then POST it with the cookie and
/// hidden token it gave. The token is scraped with a regular expression — fine for a load client,
/// unlike in the tests.
/// </summary>
public sealed partial class PageForm
{
    public const string OurForgot = "/Forgot";
    public const string StockForgot = "/Identity/Account/ForgotPassword";
    public const string SignInPath = "/Identity/Account/Login";
    public const string RegisterPath = "/Identity/Account/Register";
    public const string ResendConfirmationPath = "/Identity/Account/ResendEmailConfirmation";
    public const string CheckYourEmailPath = "/Identity/Account/RegisterConfirmation";

    /// <summary>Never any account's password: P1's sign-in pairs measure a refused sign-in.</summary>
    public const string WrongPassword = "not-the-password-of-anyone";

    /// <summary>Passes both apps' password rules, so a register POST reaches the account check.</summary>
    public const string NewPassword = "Bench-new-Passw0rd-2026!";

    private readonly HttpClient _client;
    private readonly HttpStatusCode[] _accepted;
    private readonly string? _redirectTo;
    private readonly Func<string, KeyValuePair<string, string>[]> _fields;

    private PageForm(
        HttpClient client, string path, HttpStatusCode[] accepted, Func<string, KeyValuePair<string, string>[]> fields, string? redirectTo = null)
    {
        _client = client;
        Path = path;
        _accepted = accepted;
        _fields = fields;
        _redirectTo = redirectTo;
    }

    public string Path { get; }

    /// <summary>Both apps answer an accepted Forgot submission with a redirect (PRG).</summary>
    public static PageForm Forgot(HttpClient client, string path) =>
        new(client, path, [HttpStatusCode.Redirect], email => [new("Input.Email", email)]);

    /// <summary>A refused sign-in: both apps show the page again with one message.</summary>
    public static PageForm SignIn(HttpClient client) =>
        new(client, SignInPath, [HttpStatusCode.OK], email => [new("Input.Email", email), new("Input.Password", WrongPassword)]);

    /// <summary>
    /// RazorReset answers every address with the same redirect to "check your email"; the stock page
    /// shows itself again with "already taken" (200) for an address with an account and redirects for a new one.
    /// </summary>
    public static PageForm Register(HttpClient client, bool stock) =>
        new(client, RegisterPath, stock ? [HttpStatusCode.OK, HttpStatusCode.Redirect] : [HttpStatusCode.Redirect],
            email => [new("Input.Email", email), new("Input.Password", NewPassword), new("Input.ConfirmPassword", NewPassword)], CheckYourEmailPath);

    /// <summary>RazorReset redirects to "check your email"; the stock page shows itself again with "verification email sent".</summary>
    public static PageForm ResendConfirmation(HttpClient client, bool stock) =>
        new(client, ResendConfirmationPath, [stock ? HttpStatusCode.OK : HttpStatusCode.Redirect], email => [new("Input.Email", email)], CheckYourEmailPath);

    public async Task<AntiforgeryPair> FetchAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(Path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {Path} answered {(int)response.StatusCode}.");

        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        var token = TokenField().Match(html);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal))
            : null;
        if (!token.Success || cookie is null) throw new InvalidOperationException($"GET {Path} gave no antiforgery cookie and token.");

        return new AntiforgeryPair(cookie, token.Groups[1].Value);
    }

    /// <summary>Posts one address and returns how long the POST took, to the last byte of the response.</summary>
    public async Task<TimeSpan> PostAsync(AntiforgeryPair pair, string email, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new FormUrlEncodedContent([.. _fields(email), new("__RequestVerificationToken", pair.Token)]),
        };
        request.Headers.Add("Cookie", pair.Cookie);

        var started = Stopwatch.GetTimestamp();
        using var response = await _client.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);

        // Anything else is not the path under test (a 400 from antiforgery, a 429, an error page).
        if (!_accepted.Contains(response.StatusCode))
        {
            throw new InvalidOperationException($"POST {Path} answered {(int)response.StatusCode}, not {string.Join(" or ", _accepted.Select(s => (int)s))}.");
        }

        if (_redirectTo is not null && response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Split('?')[0] != _redirectTo)
        {
            throw new InvalidOperationException($"POST {Path} redirected to {response.Headers.Location}, not {_redirectTo}.");
        }

        return elapsed;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
