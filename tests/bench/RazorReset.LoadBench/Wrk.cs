using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RazorReset.LoadBench;

public sealed record WrkResult(double RequestsPerSecond, long Requests, long Errors, double LatencyP50Ms, double LatencyP99Ms);

/// <summary>One wrk run (P2), after a short warm-up run whose figures are thrown away.</summary>
public static partial class Wrk
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);

    public static async Task<WrkResult> RunAsync(
        ProcessTracker tracker,
        string url,
        TimeSpan duration,
        string? script,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken)
    {
        await RunOnceAsync(tracker, url, Warmup, script, environment, cancellationToken);
        var result = await RunOnceAsync(tracker, url, duration, script, environment, cancellationToken);
        Console.WriteLine($"    {result.RequestsPerSecond,10:F0} req/s  p50 {result.LatencyP50Ms:F2} ms  p99 {result.LatencyP99Ms:F2} ms  errors {result.Errors}  {url}");
        return result;
    }

    private static async Task<WrkResult> RunOnceAsync(
        ProcessTracker tracker,
        string url,
        TimeSpan duration,
        string? script,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk")
        {
            ArgumentList =
            {
                "-t", BenchOptions.WrkThreads.ToString(CultureInfo.InvariantCulture), "-c", BenchOptions.WrkConnections.ToString(CultureInfo.InvariantCulture),
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
