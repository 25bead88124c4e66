namespace RazorReset.Infrastructure;

/// <summary>Exponential backoff shared by the outbox (E1) and the reset-request processor (F2).</summary>
public static class RetryBackoff
{
    /// <summary>first, 2 × first, 4 × first, … after attempts 1, 2, 3, …, never longer than the cap.</summary>
    public static TimeSpan After(int attempts, TimeSpan first, TimeSpan cap)
    {
        var delay = first * Math.Pow(2, attempts - 1);
        return delay < cap ? delay : cap;
    }
}
