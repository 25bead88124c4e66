using System.Globalization;
using System.Text;

namespace RazorReset.LoadBench;

/// <summary>The one table tests/bench/run prints and writes to tests/bench/results.md, then the micro-benchmarks.</summary>
public static class ResultsReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(BenchResults r, BenchOptions options, string machine)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {machine}. Loopback, Production configuration, smtp4dev (in memory) as the SMTP server.");
        table.AppendLine(CultureInfo.InvariantCulture, $"wrk: {BenchOptions.WrkThreads} threads, {BenchOptions.WrkConnections} connections, {options.WrkDuration.TotalSeconds:F0} s per run after a 3 s warm-up.");
        table.AppendLine();
        table.AppendLine("| | measure | RazorReset | stock Identity UI | target | |");
        table.AppendLine("|---|---|--:|--:|---|---|");

        var ours = r.OursTiming!;
        var stock = r.StockTiming!;
        Row(table, "P1", $"POST median / p90, existing account ({ours.Pairs} pairs)", $"{Ms(ours.Existing.MedianMs)} / {Ms(ours.Existing.P90Ms)}", $"{Ms(stock.Existing.MedianMs)} / {Ms(stock.Existing.P90Ms)}", "", null);
        Row(table, "P1", "POST median / p90, unknown address", $"{Ms(ours.Unknown.MedianMs)} / {Ms(ours.Unknown.P90Ms)}", $"{Ms(stock.Unknown.MedianMs)} / {Ms(stock.Unknown.P90Ms)}", "", null);
        Row(table, "P1", "median difference, existing − unknown", Ms(ours.MedianDifferenceMs), Ms(stock.MedianDifferenceMs), "< 0.5 ms", Math.Abs(ours.MedianDifferenceMs) < 0.5);
        Row(table, "P1", "median ratio (slower / faster)", ours.MedianRatio.ToString("F3", Invariant), stock.MedianRatio.ToString("F3", Invariant), "< 1.05", ours.MedianRatio < 1.05);
        Row(table, "E7", "reset email at the SMTP server after the POST, p95", Ms(r.OursMailP95Ms, "F0"), Ms(r.StockMailP95Ms, "F0"), "< 2000 ms", r.OursMailP95Ms < 2000);

        var plaintext = r.Plaintext!;
        Row(table, "P2", "GET /bench/plaintext (ceiling)", Rate(plaintext), "", "", null);
        var getRatio = r.OursGet!.RequestsPerSecond / r.StockGet!.RequestsPerSecond;
        Row(table, "P2", "GET the forgot form", Rate(r.OursGet), Rate(r.StockGet), "≥ 1.5× stock", getRatio >= 1.5, $"{getRatio:F2}× stock, {r.OursGet.RequestsPerSecond / plaintext.RequestsPerSecond:P0} of ceiling");
        var mixedRatio = r.OursPostMixed!.RequestsPerSecond / r.StockPostMixed!.RequestsPerSecond;
        Row(table, "P2", "POST the form, half existing accounts", Rate(r.OursPostMixed), Rate(r.StockPostMixed), "≥ 1.2× stock", mixedRatio >= 1.2, $"{mixedRatio:F2}× stock");
        var unknownRatio = r.OursPostUnknown!.RequestsPerSecond / r.StockPostUnknown!.RequestsPerSecond;
        Row(table, "P2", "POST the form, unknown addresses only", Rate(r.OursPostUnknown), Rate(r.StockPostUnknown), "", null, $"{unknownRatio:F2}× stock");
        Row(table, "P2", "background backlog left after the half-existing run, drained in", Seconds(r.OursMixedBacklogDrain), "(none: sent inline)", "", null);

        Row(table, "P3", "start-up to first 200 (new database / restart)", $"{Seconds(r.OursStartUpNewDatabase)} / {Seconds(r.OursStartUp)}", Seconds(r.StockStartUp), "< 2 s", r.OursStartUpNewDatabase.TotalSeconds < 2 && r.OursStartUp.TotalSeconds < 2);
        Row(table, "P3", "resident memory after start-up", MiB(r.OursIdleRss), MiB(r.StockIdleRss), "", null);
        Row(table, "P3", "resident memory, peak during the whole run (and when)", $"{MiB(r.OursPeakRss.Bytes)} ({r.OursPeakRss.Phase})",
            $"{MiB(r.StockPeakRss.Bytes)} ({r.StockPeakRss.Phase})", "< 250 MB", r.OursPeakRss.Bytes < 250_000_000);

        var delivered = r.OutboxDelivered is { } d ? Seconds(d) : "> 90 s";
        Row(table, "P4", $"{BenchOptions.OutboxEmails:N0} reset emails: POSTs accepted / all at the SMTP server", $"{Seconds(r.OutboxPostsAccepted)} / {delivered}", "", "< 20 s", r.OutboxDelivered is { TotalSeconds: < 20 },
            r.OutboxDelivered is { } sent ? PerSecond(BenchOptions.OutboxEmails, sent) : null);
        var intake = r.SinkIntake is { } taken ? $"{Seconds(taken)} ({PerSecond(BenchOptions.OutboxEmails, taken)})" : "> 90 s";
        Row(table, "P4", $"the SMTP server's own intake: {BenchOptions.OutboxEmails:N0} messages from a plain MailKit loop, {BenchOptions.SmtpConnections} connections", intake, "", "", null);

        table.AppendLine();
        table.AppendLine("Start-up is timed from process start to the first 200 from `/healthz` (RazorReset) or `/` (stock, which has no health endpoint). " +
                         "P1 gives every request a fresh antiforgery cookie and token and every pair its own seeded account; E7 matches each of those " +
                         "existing-account POSTs to its message in smtp4dev. The stock app sends its email inside the POST; RazorReset records the request and " +
                         "sends from the background (F2), whose leftover work after a wrk run is shown as the drain time.");

        if (options.MicroResultsDirectory is { } micro && Directory.Exists(micro))
        {
            table.AppendLine();
            table.AppendLine("### Micro-benchmarks (BenchmarkDotNet, short run, in process)");
            foreach (var file in Directory.GetFiles(micro, "*-report-github.md").Order(StringComparer.Ordinal))
            {
                var benchmarks = Path.GetFileName(file).Replace("-report-github.md", "").Split('.').Last();
                table.AppendLine();
                table.AppendLine(CultureInfo.InvariantCulture, $"`{benchmarks}`");
                table.AppendLine();
                table.AppendLine(MicroTable(File.ReadAllText(file)));
            }
        }

        return table.ToString();
    }

    private static string PerSecond(int count, TimeSpan elapsed) => $"{(count / elapsed.TotalSeconds).ToString("N0", Invariant)}/s";

    private static void Row(StringBuilder table, string id, string measure, string ours, string stock, string target, bool? met, string? note = null)
    {
        var verdict = met switch { true => "met", false => "**missed**", null => "" };
        if (note is not null) verdict = verdict.Length == 0 ? note : $"{verdict} ({note})";
        table.AppendLine(CultureInfo.InvariantCulture, $"| {id} | {measure} | {ours} | {stock} | {target} | {verdict} |");
    }

    /// <summary>BenchmarkDotNet's GitHub table without its environment preamble (the machine line above says it).</summary>
    private static string MicroTable(string report)
    {
        var lines = report.Split('\n').Select(l => l.TrimEnd('\r'));
        return string.Join('\n', lines.SkipWhile(l => !l.StartsWith('|'))).Trim();
    }

    private static string Ms(double value, string format = "F3") => $"{value.ToString(format, Invariant)} ms";

    private static string Seconds(TimeSpan value) => $"{value.TotalSeconds.ToString("F2", Invariant)} s";

    private static string MiB(long bytes) => $"{(bytes / 1_000_000.0).ToString("F0", Invariant)} MB";

    private static string Rate(WrkResult result) =>
        $"{result.RequestsPerSecond.ToString("N0", Invariant)}/s" + (result.Errors > 0 ? $" ({result.Errors} errors)" : "");
}
