namespace RazorReset.PasswordReset;

/// <summary>
/// The code a reset request mailed, as a verifier only (never the code), with its tries. Every
/// resolved request gets a row, a decoy when it mailed nothing, so a browser that asked for an
/// unknown address meets the same tries and expiry as one that asked for an account (S4).
/// </summary>
public sealed class ResetCode
{
    /// <summary>The row every code try against an account without a live code lands on, so that try costs the same write.</summary>
    public const long NoCodeId = 0;

    /// <summary>The reset request that mailed it; the pending-reset cookie names it.</summary>
    public long RequestId { get; set; }

    /// <summary>The account while this is its newest code; null for decoys and superseded codes.</summary>
    public string? UserId { get; set; }

    /// <summary>Data-Protection-encrypted salt and PBKDF2 of (code, user id, security stamp); null for decoys.</summary>
    public byte[]? Verifier { get; set; }

    public int Attempts { get; set; }

    public DateTime ExpiresAt { get; set; }
}
