using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace RazorReset.PasswordReset;

/// <summary>
/// Binds a mailed code to the browser that asked (A4): the Forgot POST names its request in an
/// encrypted, HttpOnly cookie scoped to /Forgot. It is set for every address, with a value of the
/// same length whatever the request id, so the response still cannot tell who has an account (F1, S4).
/// </summary>
public sealed class PendingResetCookie(IDataProtectionProvider provider, IOptions<PasswordResetOptions> options, IHostEnvironment environment)
{
    public const string Name = "RazorReset.Pending";
    public const string Path = "/Forgot";

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("RazorReset.PasswordReset.Pending.v1").ToTimeLimitedDataProtector();

    public void Write(HttpResponse response, long requestId)
    {
        var lifetime = options.Value.TokenLifespan;
        var value = _protector.Protect(requestId.ToString("D19", CultureInfo.InvariantCulture), lifetime);
        // Max-Age rather than Expires: the header is then the same to the second for every address.
        response.Cookies.Append(Name, value, CookieOptions(lifetime));
    }

    public long? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            return long.Parse(_protector.Unprotect(value), NumberStyles.None, CultureInfo.InvariantCulture);
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
