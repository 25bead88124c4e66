namespace RazorReset.LoadBench;

public sealed record LatencySummary(double MedianMs, double P90Ms)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds) =>
        new(Statistics.Median(milliseconds), Statistics.Percentile(milliseconds, 0.9));
}

/// <summary>P1's figures for one app: POST latency for existing vs unknown addresses.</summary>
public sealed record TimingResult(int Pairs, LatencySummary Existing, LatencySummary Unknown, IReadOnlyDictionary<string, DateTimeOffset> ExistingPostedAt)
{
    public double MedianDifferenceMs => Existing.MedianMs - Unknown.MedianMs;

    /// <summary>The slower median over the faster one, whichever way round.</summary>
    public double MedianRatio => Math.Max(Existing.MedianMs, Unknown.MedianMs) / Math.Min(Existing.MedianMs, Unknown.MedianMs);
}

/// <summary>
/// P1: pairs of POSTs, one for a seeded account and one for an address never used before, each
/// pair in a random order (seeded, so a run can be repeated) so drift falls on both sides alike.
/// The background work for one request slows the requests that follow it a little, so any fixed
/// pattern lets it land on one kind of address more than the other: with a fixed ABBA order the
/// unknown Forgot address came out slower in four runs out of five (0.16 to 0.9 ms), and with
/// ABBA or BAAB blocks at random the existing one (+0.49 ms). A random order per pair makes the
/// kind of each request independent of the requests before its pair. Every request gets a fresh
/// antiforgery cookie and token, as a new visitor would, and every pair a different account.
/// </summary>
public static class TimingPairs
{
    private const int Seed = 20261201;

    public static async Task<TimingResult> RunAsync(
        PageForm form, int pairs, int warmupPairs, Func<int, string> existingAccount, CancellationToken cancellationToken)
    {
        var existing = new List<double>(pairs);
        var unknown = new List<double>(pairs);
        var postedAt = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);

        var order = new Random(Seed);
        for (var i = -warmupPairs; i < pairs; i++)
        {
            var account = existingAccount(i + warmupPairs);
            var nobody = $"nobody-{Guid.NewGuid():N}@bench.invalid";
            foreach (var isExisting in order.Next(2) == 0 ? new[] { true, false } : [false, true])
            {
                var email = isExisting ? account : nobody;
                var pair = await form.FetchAsync(cancellationToken);
                var sentAt = DateTimeOffset.UtcNow;
                var elapsed = await form.PostAsync(pair, email, cancellationToken);
                if (i < 0) continue;

                (isExisting ? existing : unknown).Add(elapsed.TotalMilliseconds);
                if (isExisting) postedAt[email] = sentAt;
            }
        }

        return new TimingResult(pairs, LatencySummary.Of(existing), LatencySummary.Of(unknown), postedAt);
    }

    /// <summary>E7: for each existing-account POST, how long until smtp4dev had the email; the p95 in ms.</summary>
    public static async Task<(double P95Ms, int Matched)> MailLatencyAsync(
        TimingResult timing, Smtp4dev mail, int expectedMessages, CancellationToken cancellationToken)
    {
        await mail.WaitForCountAsync(expectedMessages, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250), cancellationToken);
        var arrivals = await mail.ArrivalsAsync(cancellationToken);
        var delays = arrivals
            .Where(a => timing.ExistingPostedAt.ContainsKey(a.To))
            .GroupBy(a => a.To, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Min(a => a.ReceivedAt) - timing.ExistingPostedAt[g.Key]).TotalMilliseconds)
            .ToList();
        return (Statistics.Percentile(delays, 0.95), delays.Count);
    }
}
