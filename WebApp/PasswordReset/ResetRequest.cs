namespace RazorReset.PasswordReset;

/// <summary>
/// One "forgot password" submission, recorded durably before the response (F2). The address is
/// kept only until the processor has resolved it; afterwards the row keeps the account id (for
/// the per-account limit, S6) and the outcome, never the address.
/// </summary>
public sealed class ResetRequest
{
    public long Id { get; set; }

    public string? NormalizedEmail { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime? ProcessedAt { get; set; }

    public string? UserId { get; set; }

    public ResetRequestOutcome Outcome { get; set; }

    /// <summary>Resolutions tried and thrown so far; a request is retried before it is given up.</summary>
    public int Attempts { get; set; }

    /// <summary>After a failed attempt, or while an instance holds it: not to be tried again before this time.</summary>
    public DateTime? RetryAt { get; set; }

    /// <summary>The batch that claimed the request, so instances sharing the database split the queue; null when nobody holds it.</summary>
    public Guid? ClaimId { get; set; }
}

public enum ResetRequestOutcome
{
    Pending = 0,
    EmailQueued = 1,
    UnknownAccount = 2,
    Throttled = 3,

    /// <summary>Resolving it threw on every attempt; it is dropped (and logged) rather than retried forever.</summary>
    Failed = 4,
}
