using System.Globalization;
using System.Text;

namespace RazorReset.LoadBench;

/// <summary>
/// The one table tests/bench/run prints and writes to tests/bench/results.md: RazorReset on SQLite
/// (the default, which the targets are judged on), on PostgreSQL with one and two instances, and
/// the stock page, all from the same run; then the micro-benchmarks.
/// </summary>
public static class ResultsReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(BenchResults r, BenchOptions options, string machine)
    {
        var table = new StringBuilder();
        var postgreSql = r.PostgreSqlVersion is { } version ? $", PostgreSQL {version} (fsync and synchronous commit on)" : "";
        table.AppendLine(Invariant, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {machine}, {r.Elapsed.TotalMinutes:F1} min for the load part. Loopback, Production configuration, smtp4dev (in memory) as the SMTP server{postgreSql}.");
        table.AppendLine(Invariant, $"wrk: {BenchOptions.WrkThreads} threads, {BenchOptions.WrkConnections} connections, {options.WrkDuration.TotalSeconds:F0} s per run after a 3 s warm-up (with two instances, one wrk per instance with half of each, the rates added).");
        if (r.Stopped is { } stopped) table.AppendLine(Invariant, $"\n**{stopped}**");
        if (r.PostgreSqlFailure is { } failure) table.AppendLine(Invariant, $"\nThe PostgreSQL columns are empty: {failure}");
        table.AppendLine();
        table.AppendLine("| | measure | SQLite | PostgreSQL, 1 instance | PostgreSQL, 2 instances | stock Identity UI | target | SQLite |");
        table.AppendLine("|---|---|--:|--:|--:|--:|---|---|");

        var (sqlite, pg, pair, stock) = (r.Sqlite, r.PostgreSql, r.PostgreSqlPair, r.Stock);
        AppFigures[] ours = [sqlite, pg, pair];

        TimingRows(table, "Forgot POST", a => a.Forgot);
        TimingRows(table, "sign-in POST, wrong password", a => a.SignIn);
        TimingRows(table, "register POST", a => a.Register);
        TimingRows(table, "resend-confirmation POST", a => a.ResendConfirmation);
        Row(table, "E7", "reset email at the SMTP server after the POST, p95", ours.Select(a => a.MailP95Ms is { } v ? Ms(v, "F0") : ""), stock.MailP95Ms is { } s ? Ms(s, "F0") : "",
            "< 2000 ms", sqlite.MailP95Ms < 2000);

        Row(table, "P2", "GET /bench/plaintext (ceiling)", [r.Plaintext is { } plain ? Rate(plain) : "", "", ""], "", "", null);
        RateRow("GET the forgot form", a => a.Get, 2.0);
        RateRow("POST the form, unknown addresses only", a => a.PostUnknown, 1.2);
        RateRow("POST the form, half existing accounts", a => a.PostMixed, 10);
        if (sqlite.PostUnknownSyncNormal is { } relaxed && stock.PostUnknown is { } stockUnknown)
        {
            Row(table, "P2", "POST the form, unknown addresses only, with `Database:SqliteSynchronous` = `Normal` (not the default: see the README)",
                [$"{Rate(relaxed)} ({relaxed.RequestsPerSecond / stockUnknown.RequestsPerSecond:F2}×)", "", ""], Rate(stockUnknown), "", null);
        }
        Row(table, "P2", "background backlog left after the half-existing run, drained in", ours.Select(a => a.MixedBacklogDrain is { } d ? Seconds(d) : ""), "(none: sent inline)", "", null);

        Row(table, "P3", "start-up to first 200 (new database / restart)",
            ours.Select(a => a.StartUpNewDatabase is { } n ? $"{Seconds(n)} / {Seconds(a.StartUp!.Value)}" : a.StartUp is { } s ? $"second instance {Seconds(s)}" : ""),
            stock.StartUp is { } st ? Seconds(st) : "", "< 2 s",
            sqlite.StartUpNewDatabase?.TotalSeconds < 2 && sqlite.StartUp?.TotalSeconds < 2,
            Note(ours.Where(a => a != sqlite && a.StartUp is not null).Select(a => a.StartUp!.Value.TotalSeconds < 2 && (a.StartUpNewDatabase?.TotalSeconds ?? 0) < 2)));
        Row(table, "P3", "resident memory after start-up", ours.Select(a => a.IdleRss > 0 ? MiB(a.IdleRss) : ""), MiB(stock.IdleRss), "", null);
        Row(table, "P3", "resident memory, peak per instance (and when)", ours.Select(a => a.PeakRss.Bytes > 0 ? $"{MiB(a.PeakRss.Bytes)} ({a.PeakRss.Phase})" : ""),
            $"{MiB(stock.PeakRss.Bytes)} ({stock.PeakRss.Phase})", "< 250 MB", sqlite.PeakRss.Bytes < 250_000_000,
            Note(ours.Where(a => a != sqlite && a.PeakRss.Bytes > 0).Select(a => a.PeakRss.Bytes < 250_000_000)));

        Row(table, "P4", $"{BenchOptions.OutboxEmails:N0} reset emails: POSTs accepted / all at the SMTP server",
            ours.Select(a => !a.OutboxMeasured ? "" : $"{Seconds(a.OutboxPostsAccepted!.Value)} / " +
                (a.OutboxDelivered is { } d ? $"{Seconds(d)} ({PerSecond(BenchOptions.OutboxEmails, d)})" : "> 90 s")),
            "", "< 20 s", sqlite.OutboxMeasured ? sqlite.OutboxDelivered is { TotalSeconds: < 20 } : null,
            Note(ours.Where(a => a != sqlite && a.OutboxMeasured).Select(a => a.OutboxDelivered is { TotalSeconds: < 20 })));
        var intake = r.SinkIntake is { } taken ? $"{Seconds(taken)} ({PerSecond(BenchOptions.OutboxEmails, taken)})" : "> 90 s";
        Row(table, "P4", $"the SMTP server's own intake: {BenchOptions.OutboxEmails:N0} messages from a plain MailKit loop, {BenchOptions.SmtpConnections} connections", [intake, "", ""], "", "", null);

        table.AppendLine();
        table.AppendLine("Ratios are to the stock page in the same run; the last column judges the SQLite column (the default), and " +
                         "says whether the PostgreSQL columns meet the same target. Start-up is timed from process start to the first 200 from " +
                         "`/healthz` (RazorReset) or `/` (stock, which has no health endpoint), the median of three starts, each begun once the machine is " +
                         "quiet (RazorReset: three on a new database, then three restarts). P1's judged difference and ratio are medians over the pairs " +
                         "of each pair's own difference and ratio, which cancels the machine's drift (± its bootstrap standard error); the difference of the two separate medians is " +
                         "reported beside them. Each P1 row begins once the machine is quiet. P1 gives every request a fresh antiforgery cookie " +
                         "and token and every pair its own seeded account (confirmed, with a real password hash; unconfirmed for resend confirmation) " +
                         "and its own never-used unknown address; E7 matches each existing-account " +
                         "Forgot POST to its message in smtp4dev. The stock register page answers an address with an account with 200 and an error " +
                         "on the page and a new one with a 302; RazorReset answers both with the same 302 to \"check your email\". " +
                         "The stock app sends its email inside the POST; RazorReset records the request and " +
                         "sends from the background (F2), whose leftover work after a wrk run is shown as the drain time.");

        var profile = Path.Combine(options.RepositoryRoot, "tests", "bench", "profile.md");
        if (File.Exists(profile))
        {
            table.AppendLine();
            table.AppendLine(File.ReadAllText(profile).Trim());
        }

        if (options.MicroResultsDirectory is { } micro && Directory.Exists(micro))
        {
            table.AppendLine();
            table.AppendLine("### Micro-benchmarks (BenchmarkDotNet, short run, in process)");
            foreach (var file in Directory.GetFiles(micro, "*-report-github.md").Order(StringComparer.Ordinal))
            {
                var benchmarks = Path.GetFileName(file).Replace("-report-github.md", "").Split('.').Last();
                table.AppendLine();
                table.AppendLine(Invariant, $"`{benchmarks}`");
                table.AppendLine();
                table.AppendLine(MicroTable(File.ReadAllText(file)));
            }
        }

        return table.ToString();

        void TimingRows(StringBuilder t, string what, Func<AppFigures, TimingResult?> timing)
        {
            string Cell(AppFigures a, Func<TimingResult, string> f) => timing(a) is { } x ? f(x) : "";
            var pairs = timing(sqlite)?.Pairs ?? 0;
            var stockPairs = timing(stock) is { } s ? $"; stock {s.Pairs}" : "";
            Row(t, "P1", $"{what}: median / p90, existing account ({pairs} pairs{stockPairs})", ours.Select(a => Cell(a, x => $"{Ms(x.Existing.MedianMs)} / {Ms(x.Existing.P90Ms)}")),
                Cell(stock, x => $"{Ms(x.Existing.MedianMs)} / {Ms(x.Existing.P90Ms)}"), "", null);
            Row(t, "P1", $"{what}: median / p90, unknown address", ours.Select(a => Cell(a, x => $"{Ms(x.Unknown.MedianMs)} / {Ms(x.Unknown.P90Ms)}")),
                Cell(stock, x => $"{Ms(x.Unknown.MedianMs)} / {Ms(x.Unknown.P90Ms)}"), "", null);
            Row(t, "P1", $"{what}: difference of the two medians (reported)", ours.Select(a => Cell(a, x => Ms(x.DifferenceOfMediansMs))),
                Cell(stock, x => Ms(x.DifferenceOfMediansMs)), "", null);
            Row(t, "P1", $"{what}: median difference over the pairs, existing − unknown", ours.Select(a => Cell(a, x => $"{Ms(x.MedianDifferenceMs)} (± {Ms(x.MedianDifferenceErrorMs)})")),
                Cell(stock, x => Ms(x.MedianDifferenceMs)),
                "< 0.2 ms", timing(sqlite) is { } d ? Math.Abs(d.MedianDifferenceMs) < 0.2 : null,
                Note(ours.Where(a => a != sqlite && timing(a) is not null).Select(a => Math.Abs(timing(a)!.MedianDifferenceMs) < 0.2)));
            Row(t, "P1", $"{what}: median ratio over the pairs (slower / faster)", ours.Select(a => Cell(a, x => x.MedianRatio.ToString("F3", Invariant))), Cell(stock, x => x.MedianRatio.ToString("F3", Invariant)),
                "< 1.03", timing(sqlite) is { } q ? q.MedianRatio < 1.03 : null,
                Note(ours.Where(a => a != sqlite && timing(a) is not null).Select(a => timing(a)!.MedianRatio < 1.03)));
        }

        void RateRow(string measure, Func<AppFigures, WrkResult?> rate, double target)
        {
            var peer = rate(stock);
            string Cell(AppFigures a) => rate(a) is { } x ? peer is null ? Rate(x) : $"{Rate(x)} ({x.RequestsPerSecond / peer.RequestsPerSecond:F2}×)" : "";
            bool Meets(AppFigures a) => rate(a) is { } x && peer is not null && x.RequestsPerSecond / peer.RequestsPerSecond >= target;
            Row(table, "P2", measure, ours.Select(Cell), peer is null ? "" : Rate(peer), $"≥ {target:0.0}× stock", rate(sqlite) is null ? null : Meets(sqlite),
                Note(ours.Where(a => a != sqlite && rate(a) is not null).Select(Meets)));
        }
    }

    /// <summary>The PostgreSQL columns' verdict on the same target, when they were measured.</summary>
    private static string? Note(IEnumerable<bool> postgreSqlMeets)
    {
        var verdicts = postgreSqlMeets.ToList();
        return verdicts.Count == 0 ? null : verdicts.All(v => v) ? "PostgreSQL: met" : "PostgreSQL: **missed**";
    }

    private static string PerSecond(int count, TimeSpan elapsed) => $"{(count / elapsed.TotalSeconds).ToString("N0", Invariant)}/s";

    private static void Row(StringBuilder table, string id, string measure, IEnumerable<string> ours, string stock, string target, bool? met, string? note = null)
    {
        var verdict = met switch { true => "met", false => "**missed**", null => "" };
        if (note is not null && met is not null) verdict = $"{verdict}; {note}";
        table.AppendLine(Invariant, $"| {id} | {measure} | {string.Join(" | ", ours)} | {stock} | {target} | {verdict} |");
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
