using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace RazorReset.PasswordReset;

/// <summary>What a verified link carries from /ResetLink to /NewPassword.</summary>
public sealed record ResetTicket(string UserId, string Token);

/// <summary>
/// F4: the token leaves the address bar (and so history and Referer) for an encrypted,
/// time-limited, HttpOnly, SameSite=Lax cookie that only /NewPassword ever receives.
/// </summary>
public sealed class ResetCookie(
    IDataProtectionProvider provider,
    IOptions<PasswordResetOptions> options,
    IHostEnvironment environment,
    TimeProvider time)
{
    public const string Name = "RazorReset.Reset";
    public const string Path = "/NewPassword";

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("RazorReset.PasswordReset.Cookie.v1").ToTimeLimitedDataProtector();

    public void Write(HttpResponse response, ResetTicket ticket)
    {
        var expires = time.GetUtcNow() + options.Value.ResetCookieLifetime;
        var value = _protector.Protect(JsonSerializer.Serialize(ticket), expires);
        response.Cookies.Append(Name, value, CookieOptions(expires));
    }

    public ResetTicket? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            // The protector checks the expiry against the system clock only; the app's clock decides too.
            var json = _protector.Unprotect(value, out var expires);
            return expires > time.GetUtcNow() ? JsonSerializer.Deserialize<ResetTicket>(json) : null;
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public void Delete(HttpResponse response) => response.Cookies.Delete(Name, CookieOptions(expires: null));

    private CookieOptions CookieOptions(DateTimeOffset? expires) => new()
    {
        Path = Path,
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = !environment.IsDevelopment(),
        IsEssential = true,
        Expires = expires,
    };
}
