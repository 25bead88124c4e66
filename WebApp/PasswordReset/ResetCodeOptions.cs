using System.ComponentModel.DataAnnotations;

namespace RazorReset.PasswordReset;

/// <summary>The one-time code mailed beside the link (A4): <c>PasswordReset:Codes</c>.</summary>
public sealed class ResetCodeOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Wrong tries a code survives; the next try is refused even with the right code.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 5;
}
