using System.ComponentModel.DataAnnotations;

namespace RazorReset.Infrastructure;

/// <summary>Where the app is reachable from the outside: the only source of absolute links (S8).</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    [Required(AllowEmptyStrings = false)]
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>An absolute link under the public base URL (which may itself have a path).</summary>
    public string Link(string pathAndQuery) =>
        new Uri(new Uri(PublicBaseUrl.TrimEnd('/') + "/"), pathAndQuery.TrimStart('/')).AbsoluteUri;
}

public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    [Required(AllowEmptyStrings = false)]
    public string ApplicationName { get; set; } = "RazorReset";

    [Required(AllowEmptyStrings = false)]
    public string KeysPath { get; set; } = "App_Data/keys";

    /// <summary>Where the key ring lives; unset, in the database with PostgreSQL and under <see cref="KeysPath"/> with SQLite.</summary>
    public KeyStore? KeyStore { get; set; }
}

public enum KeyStore
{
    FileSystem,

    /// <summary>The app's own database, so every instance on it shares one key ring.</summary>
    Database,
}

public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Identity UI's forms (sign-in, register, resend confirmation, manage) per IP and window:
    /// looser than the reset forms because colleagues behind one address all sign in at nine.
    /// </summary>
    [Range(1, 1_000_000)]
    public int AccountFormsPermitLimit { get; set; } = 30;

    /// <summary>Proxies whose X-Forwarded-For is believed; nobody else's is.</summary>
    public string[] KnownProxies { get; set; } = [];
}
