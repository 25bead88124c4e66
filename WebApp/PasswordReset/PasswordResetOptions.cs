using System.ComponentModel.DataAnnotations;

namespace RazorReset.PasswordReset;

public sealed class PasswordResetOptions
{
    public const string Section = "PasswordReset";

    /// <summary>How long an emailed link stays valid (S1).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TokenLifespan { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Per-account cap on reset emails in any rolling hour (S6).</summary>
    [Range(1, 100)]
    public int MaxEmailsPerAccountPerHour { get; set; } = 3;

    /// <summary>How long the link's token may sit in the reset cookie before the form must be sent (F4).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ResetCookieLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How soon other sessions notice a password change (S2).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the processor sweeps for requests it was not woken for (crash recovery).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a request whose resolution throws is tried, the sweep interval apart and
    /// doubling, before it is dropped: a passing fault (a key ring being rotated, a locked file)
    /// must not lose a reset email, and a broken account must not be retried forever.
    /// </summary>
    [Range(1, 20)]
    public int MaxResolveAttempts { get; set; } = 5;

    /// <summary>How long the reset and account processors let requests gather after a wake-up before they resolve them.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    public ResetCodeOptions Codes { get; set; } = new();

    /// <summary>The lifespan as people read it: "30 minutes", "1 minute", "2 hours".</summary>
    public string ExpiryText
    {
        get
        {
            var minutes = (int)Math.Ceiling(TokenLifespan.TotalMinutes);
            return minutes switch
            {
                <= 1 => "1 minute",
                60 => "1 hour",
                _ when minutes % 60 == 0 => $"{minutes / 60} hours",
                _ => $"{minutes} minutes",
            };
        }
    }
}
