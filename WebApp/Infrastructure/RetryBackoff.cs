namespace RazorReset.Infrastructure;

/// <summary>Exponential backoff shared by the outbox (E1) and the reset-request processor (F2).</summary>
public static class RetryBackoff
{
    /// <summary>first, 2 × first, 4 × first, … after attempts 1, 2, 3, …, never longer than the cap.</summary>
    public static TimeSpan After(int attempts, TimeSpan first, TimeSpan cap)
    {
        // Past 30 doublings every sane cap is reached; beyond ~44 the TimeSpan itself would overflow,
        // and mail is retried for a day, which at a one-minute cap is over a thousand attempts.
        var delay = first * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return delay < cap ? delay : cap;
    }
}
