using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace RazorReset.LoadBench;

/// <summary>An antiforgery cookie (name=value) and the form token issued with it.</summary>
public sealed record AntiforgeryPair(string Cookie, string Token);

/// <summary>
/// A "forgot password" form (ours at /Forgot, the stock one at /Identity/Account/ForgotPassword),
/// driven as a browser would: GET the form, then POST it with the cookie and hidden token it gave.
/// The token is scraped with a regular expression — fine for a load client, unlike in the tests.
/// </summary>
public sealed partial class ForgotForm(HttpClient client, string path)
{
    public string Path { get; } = path;

    public async Task<AntiforgeryPair> FetchAsync(CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(Path, cancellationToken);
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
            Content = new FormUrlEncodedContent([new("Input.Email", email), new("__RequestVerificationToken", pair.Token)]),
        };
        request.Headers.Add("Cookie", pair.Cookie);

        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);

        // Both apps answer an accepted submission with a redirect (PRG); anything else is not the path under test.
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"POST {Path} answered {(int)response.StatusCode}, not 302.");
        }

        return elapsed;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
