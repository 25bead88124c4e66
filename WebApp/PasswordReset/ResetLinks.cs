using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using RazorReset.Infrastructure;

namespace RazorReset.PasswordReset;

/// <summary>
/// F3: <c>{PublicBaseUrl}/ResetLink?uid=…&amp;token=…</c>, the token's bytes in base64url. Built
/// from configuration only, never from the request (S8).
/// </summary>
public sealed class ResetLinks(IOptions<AppOptions> app)
{
    public string Create(string userId, string token) =>
        app.Value.Link($"ResetLink?uid={Uri.EscapeDataString(userId)}&token={WebEncoders.Base64UrlEncode(Convert.FromBase64String(token))}");

    /// <summary>The Identity token back from its URL form, or null when it cannot be one.</summary>
    public static string? TokenFromUrl(string? urlToken)
    {
        if (string.IsNullOrEmpty(urlToken) || urlToken.Length > 2048) return null;
        try
        {
            return Convert.ToBase64String(WebEncoders.Base64UrlDecode(urlToken));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
