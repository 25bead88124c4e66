namespace RazorReset.LoadBench;

public sealed record LatencySummary(double MedianMs, double P90Ms)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds) =>
        new(Statistics.Median(milliseconds), Statistics.Percentile(milliseconds, 0.9));
}

/// <summary>
/// P1's figures for one app: POST latency for existing vs unknown addresses. The judged difference
/// and ratio are the medians over the pairs of each pair's own difference and ratio: the two
/// requests of a pair run back to back, so a slower or faster stretch of the machine falls on both
/// and cancels, where it moves the two separate medians by different amounts. On this shared
/// machine the separate medians of one 400-pair sign-in run differed by 5.6 ms (bootstrap standard
/// error 10 ms) while the per-pair median was 0.1 ms (standard error 0.2 ms). Both are reported.
/// </summary>
public sealed record TimingResult(
    IReadOnlyList<(double Existing, double Unknown)> PairsMs, IReadOnlyDictionary<string, DateTimeOffset> ExistingPostedAt)
{
    public int Pairs => PairsMs.Count;

    public LatencySummary Existing { get; } = LatencySummary.Of(PairsMs.Select(p => p.Existing).ToArray());

    public LatencySummary Unknown { get; } = LatencySummary.Of(PairsMs.Select(p => p.Unknown).ToArray());

    /// <summary>Existing − unknown, the median over the pairs.</summary>
    public double MedianDifferenceMs { get; } = Statistics.Median(Differences(PairsMs));

    /// <summary>The median over the pairs of existing / unknown, as the slower over the faster whichever way round.</summary>
    public double MedianRatio { get; } = SlowerOverFaster(Statistics.Median(PairsMs.Select(p => p.Existing / p.Unknown).ToArray()));

    /// <summary>
    /// The standard error of <see cref="MedianDifferenceMs"/>: the spread of that median over 200
    /// resamples of the pairs (bootstrap, seeded), so a reader can see how far from 0.2 ms it is.
    /// </summary>
    public double MedianDifferenceErrorMs { get; } = BootstrapError(Differences(PairsMs));

    /// <summary>The difference of the two separate medians, reported beside the per-pair one.</summary>
    public double DifferenceOfMediansMs => Existing.MedianMs - Unknown.MedianMs;

    private static double[] Differences(IEnumerable<(double Existing, double Unknown)> pairs) => pairs.Select(p => p.Existing - p.Unknown).ToArray();

    private static double SlowerOverFaster(double ratio) => Math.Max(ratio, 1 / ratio);

    private static double BootstrapError(double[] differences)
    {
        if (differences.Length == 0) return double.NaN;
        var random = new Random(20261202);
        var medians = new double[200];
        var sample = new double[differences.Length];
        for (var b = 0; b < medians.Length; b++)
        {
            for (var i = 0; i < sample.Length; i++) sample[i] = differences[random.Next(differences.Length)];
            medians[b] = Statistics.Median(sample);
        }

        var mean = medians.Average();
        return Math.Sqrt(medians.Sum(m => (m - mean) * (m - mean)) / medians.Length);
    }
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

    /// <param name="settle">Awaited after each POST, before the next request; none by default.</param>
    public static async Task<TimingResult> RunAsync(
        PageForm form, int pairs, int warmupPairs, Func<int, string> existingAccount, CancellationToken cancellationToken,
        Func<CancellationToken, Task>? settle = null)
    {
        var measured = new List<(double Existing, double Unknown)>(pairs);
        var postedAt = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);

        var order = new Random(Seed);
        for (var i = -warmupPairs; i < pairs; i++)
        {
            var account = existingAccount(i + warmupPairs);
            var nobody = $"nobody-{Guid.NewGuid():N}@bench.invalid";
            var (existingMs, unknownMs) = (0.0, 0.0);
            foreach (var isExisting in order.Next(2) == 0 ? new[] { true, false } : [false, true])
            {
                var email = isExisting ? account : nobody;
                var pair = await form.FetchAsync(cancellationToken);
                var sentAt = DateTimeOffset.UtcNow;
                var elapsed = await form.PostAsync(pair, email, cancellationToken);
                if (settle is not null) await settle(cancellationToken);
                if (isExisting)
                {
                    existingMs = elapsed.TotalMilliseconds;
                    if (i >= 0) postedAt[email] = sentAt;
                }
                else
                {
                    unknownMs = elapsed.TotalMilliseconds;
                }
            }

            if (i >= 0) measured.Add((existingMs, unknownMs));
        }

        return new TimingResult(measured, postedAt);
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
