using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RazorReset.LoadBench;

public sealed record WrkResult(double RequestsPerSecond, long Requests, long Errors, double LatencyP50Ms, double LatencyP99Ms);

/// <summary>One wrk run (P2), after a short warm-up run whose figures are thrown away.</summary>
public static partial class Wrk
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);

    public static Task<WrkResult> RunAsync(
        ProcessTracker tracker,
        string url,
        TimeSpan duration,
        string? script,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken) =>
        RunSpreadAsync(tracker, [(url, environment)], duration, script, cancellationToken);

    /// <summary>
    /// The same load spread over several instances: one wrk per instance, started together, the
    /// threads and connections shared out between them; the rates are added up.
    /// </summary>
    public static async Task<WrkResult> RunSpreadAsync(
        ProcessTracker tracker,
        IReadOnlyList<(string Url, IReadOnlyDictionary<string, string> Environment)> targets,
        TimeSpan duration,
        string? script,
        CancellationToken cancellationToken)
    {
        var threads = Math.Max(1, BenchOptions.WrkThreads / targets.Count);
        var connections = BenchOptions.WrkConnections / targets.Count;
        await Task.WhenAll(targets.Select(t => RunOnceAsync(tracker, t.Url, Warmup, script, t.Environment, threads, connections, cancellationToken)));
        var results = await Task.WhenAll(targets.Select(t => RunOnceAsync(tracker, t.Url, duration, script, t.Environment, threads, connections, cancellationToken)));
        var result = new WrkResult(
            results.Sum(r => r.RequestsPerSecond),
            results.Sum(r => r.Requests),
            results.Sum(r => r.Errors),
            results.Max(r => r.LatencyP50Ms),
            results.Max(r => r.LatencyP99Ms));
        Console.WriteLine($"    {result.RequestsPerSecond,10:F0} req/s  p50 {result.LatencyP50Ms:F2} ms  p99 {result.LatencyP99Ms:F2} ms  errors {result.Errors}  " +
                          string.Join(" + ", targets.Select(t => t.Url)));
        return result;
    }

    private static async Task<WrkResult> RunOnceAsync(
        ProcessTracker tracker,
        string url,
        TimeSpan duration,
        string? script,
        IReadOnlyDictionary<string, string> environment,
        int threads,
        int connections,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk")
        {
            ArgumentList =
            {
                "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{(int)duration.TotalSeconds}s", "--latency", "-H", $"Host: {Loopback.Host}",
            },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }

        start.ArgumentList.Add(url);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = tracker.Start(start);
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var exitCode = process.ExitCode;
        await tracker.StopAsync(process);
        if (exitCode != 0) throw new InvalidOperationException($"wrk failed on {url}:\n{output}");

        return Parse(output);
    }

    internal static WrkResult Parse(string output)
    {
        var rate = Number(RatePattern(), output);
        var requests = (long)Number(RequestsPattern(), output);
        var socketErrors = SocketErrorsPattern().Match(output) is { Success: true } errors
            ? errors.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        var badStatus = NonSuccessPattern().Match(output) is { Success: true } bad ? long.Parse(bad.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

        return new WrkResult(rate, requests, socketErrors + badStatus, Latency(output, "50%"), Latency(output, "99%"));
    }

    private static double Number(Regex pattern, string output) => pattern.Match(output) is { Success: true } match
        ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
        : throw new FormatException($"Unexpected wrk output:\n{output}");

    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success) return double.NaN;
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessPattern();
}
