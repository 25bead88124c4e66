using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace RazorReset.PasswordReset;

/// <summary>What this browser asked for: the request a mailed code is bound to (A4), and the address it typed.</summary>
public sealed record PendingReset(long RequestId, string Email);

/// <summary>
/// Binds a mailed code to the browser that asked (A4), and lets "Check your email" name the address
/// without putting it in a URL: the Forgot POST writes both to an encrypted, HttpOnly cookie scoped
/// to /Forgot. It is set for every address, with a value whose length depends only on the typed
/// address, so the response still cannot tell who has an account (F1, S4).
/// </summary>
public sealed class PendingResetCookie(IDataProtectionProvider provider, IOptions<PasswordResetOptions> options, IHostEnvironment environment)
{
    public const string Name = "RazorReset.Pending";
    public const string Path = "/Forgot";

    private const char Separator = '\n'; // the typed address never holds whitespace (ResetEmailRules)

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("RazorReset.PasswordReset.Pending.v1").ToTimeLimitedDataProtector();

    public void Write(HttpResponse response, PendingReset reset)
    {
        var lifetime = options.Value.TokenLifespan;
        var value = _protector.Protect($"{reset.RequestId.ToString("D19", CultureInfo.InvariantCulture)}{Separator}{reset.Email}", lifetime);
        // Max-Age rather than Expires: the header is then the same to the second for every address.
        response.Cookies.Append(Name, value, CookieOptions(lifetime));
    }

    public PendingReset? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            var parts = _protector.Unprotect(value).Split(Separator, 2);
            return parts.Length == 2 ? new PendingReset(long.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture), parts[1]) : null;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or OverflowException)
        {
            return null;
        }
    }

    public void Delete(HttpResponse response) => response.Cookies.Delete(Name, CookieOptions(maxAge: null));

    private CookieOptions CookieOptions(TimeSpan? maxAge) => new()
    {
        Path = Path,
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = !environment.IsDevelopment(),
        IsEssential = true,
        MaxAge = maxAge,
    };
}
