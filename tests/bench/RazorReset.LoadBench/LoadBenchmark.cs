using System.Globalization;
using System.Diagnostics;

namespace RazorReset.LoadBench;

public sealed class BenchResults
{
    public TimeSpan OursStartUpNewDatabase { get; set; }
    public TimeSpan OursStartUp { get; set; }
    public TimeSpan StockStartUp { get; set; }
    public long OursIdleRss { get; set; }
    public long StockIdleRss { get; set; }
    public (long Bytes, string Phase) OursPeakRss { get; set; }
    public (long Bytes, string Phase) StockPeakRss { get; set; }
    public TimingResult? OursTiming { get; set; }
    public TimingResult? StockTiming { get; set; }
    public double OursMailP95Ms { get; set; }
    public double StockMailP95Ms { get; set; }
    public WrkResult? Plaintext { get; set; }
    public WrkResult? OursGet { get; set; }
    public WrkResult? StockGet { get; set; }
    public WrkResult? OursPostMixed { get; set; }
    public WrkResult? StockPostMixed { get; set; }
    public WrkResult? OursPostUnknown { get; set; }
    public WrkResult? StockPostUnknown { get; set; }
    public TimeSpan OursMixedBacklogDrain { get; set; }
    public TimeSpan OutboxPostsAccepted { get; set; }
    public TimeSpan? OutboxDelivered { get; set; }

    public TimeSpan? SinkIntake { get; set; }
}

/// <summary>
/// The whole load run, in an order that keeps the apps from disturbing each other: RazorReset's
/// background work is drained before the stock app is measured, and the runs that leave a
/// backlog behind come last.
/// </summary>
public sealed class LoadBenchmark(BenchOptions options)
{
    private const string OurForm = "/Forgot";
    private const string StockForm = "/Identity/Account/ForgotPassword";
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(2);

    private readonly string _oursData = Path.Combine(options.WorkDirectory, "razorreset-data");
    private readonly string _stockData = Path.Combine(options.WorkDirectory, "stock-data");
    private readonly BenchResults _results = new();

    private string OursDatabase => Path.Combine(_oursData, "app.db");

    private string StockDatabase => Path.Combine(_stockData, "app.db");

    private static string TimingAccount(int i) => $"p1-{i}@bench.test";

    private static string OutboxAccount(int i) => $"p4-{i}@bench.test";

    private static string LoadAccount(int i) => $"load-{i}@bench.test";

    public async Task<BenchResults> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_oursData);
        Directory.CreateDirectory(_stockData);
        await using var processes = new ProcessTracker(Path.Combine(options.WorkDirectory, "pids"));

        Console.WriteLine("Starting smtp4dev");
        await using var mail = await Smtp4dev.StartAsync(options.Smtp4devExecutable, Path.Combine(options.WorkDirectory, "smtp4dev"), processes, cancellationToken);

        Console.WriteLine("P3: start-up");
        await using var ours = await StartOursAsync(processes, mail, cancellationToken);
        await using var stock = await StartStockAsync(processes, mail, cancellationToken);
        await using var memory = new ResidentMemory();
        memory.Watch(ours);
        memory.Watch(stock);
        _results.OursIdleRss = ours.ResidentBytes();
        _results.StockIdleRss = stock.ResidentBytes();

        var accounts = Enumerable.Range(0, options.TimingPairs + BenchOptions.WarmupPairs).Select(TimingAccount)
            .Concat(Enumerable.Range(0, BenchOptions.OutboxEmails).Select(OutboxAccount))
            .Concat(Enumerable.Range(0, BenchOptions.LoadAccounts).Select(LoadAccount))
            .ToList();
        await Database.SeedUsersAsync(OursDatabase, accounts, cancellationToken);
        await Database.SeedUsersAsync(StockDatabase, accounts, cancellationToken);

        memory.Phase = "P1";
        await MeasureTimingAsync(ours, stock, mail, cancellationToken);
        memory.Phase = "P4";
        await MeasureOutboxAsync(ours, mail, cancellationToken);
        await MeasureThroughputAsync(processes, ours, stock, mail, memory, cancellationToken);

        _results.OursPeakRss = memory.Peak(ours);
        _results.StockPeakRss = memory.Peak(stock);
        return _results;
    }

    private async Task<ServerProcess> StartOursAsync(ProcessTracker processes, Smtp4dev mail, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["App__PublicBaseUrl"] = "https://localhost",
            ["ConnectionStrings__Default"] = $"Data Source={OursDatabase}",
            ["DataProtection__KeysPath"] = Path.Combine(_oursData, "keys"),
            ["Email__Transport"] = "Smtp",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "None",
            // Lifted for throughput: every benchmark request comes from 127.0.0.1, one per-IP bucket (S5).
            ["RateLimiting__PermitLimit"] = "1000000",
            ["Benchmark__PlaintextEndpoint"] = "true",
        };
        var log = Path.Combine(_oursData, "app.log");

        // First start creates and migrates the database; the second is an ordinary restart.
        await using (var first = await ServerProcess.StartAsync(
            "RazorReset (new database)", options.RazorResetAssembly, options.RazorResetContentRoot, environment, "/healthz", log, processes, cancellationToken))
        {
            _results.OursStartUpNewDatabase = first.StartUp;
        }

        var ours = await ServerProcess.StartAsync(
            "RazorReset", options.RazorResetAssembly, options.RazorResetContentRoot, environment, "/healthz", log, processes, cancellationToken);
        _results.OursStartUp = ours.StartUp;
        return ours;
    }

    private async Task<ServerProcess> StartStockAsync(ProcessTracker processes, Smtp4dev mail, CancellationToken cancellationToken)
    {
        // The template ships its app.db with the Identity schema already in it.
        File.Copy(Path.Combine(options.StockDirectory, "app.db"), StockDatabase, overwrite: true);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__DefaultConnection"] = $"DataSource={StockDatabase};Cache=Shared",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
        };
        var stock = await ServerProcess.StartAsync(
            "stock Identity UI", options.StockAssembly, options.StockDirectory, environment, "/", Path.Combine(_stockData, "app.log"), processes, cancellationToken);
        _results.StockStartUp = stock.StartUp;
        return stock;
    }

    private async Task MeasureTimingAsync(ServerProcess ours, ServerProcess stock, Smtp4dev mail, CancellationToken cancellationToken)
    {
        var expectedMessages = options.TimingPairs + BenchOptions.WarmupPairs;

        Console.WriteLine($"P1: {options.TimingPairs} interleaved existing/unknown pairs against RazorReset");
        await mail.ClearAsync(cancellationToken);
        _results.OursTiming = await TimingPairs.RunAsync(new ForgotForm(ours.Client, OurForm), options.TimingPairs, BenchOptions.WarmupPairs, TimingAccount, cancellationToken);
        (_results.OursMailP95Ms, _) = await TimingPairs.MailLatencyAsync(_results.OursTiming, mail, expectedMessages, cancellationToken);
        await Database.WaitForEmptyBacklogAsync(OursDatabase, DrainLimit, cancellationToken);
        Report("RazorReset", _results.OursTiming, _results.OursMailP95Ms);

        Console.WriteLine($"P1: {options.TimingPairs} interleaved existing/unknown pairs against the stock app");
        await mail.ClearAsync(cancellationToken);
        _results.StockTiming = await TimingPairs.RunAsync(new ForgotForm(stock.Client, StockForm), options.TimingPairs, BenchOptions.WarmupPairs, TimingAccount, cancellationToken);
        (_results.StockMailP95Ms, _) = await TimingPairs.MailLatencyAsync(_results.StockTiming, mail, expectedMessages, cancellationToken);
        Report("stock", _results.StockTiming, _results.StockMailP95Ms);

        static void Report(string app, TimingResult timing, double mailP95) => Console.WriteLine(
            $"    {app}: existing {timing.Existing.MedianMs:F3} ms, unknown {timing.Unknown.MedianMs:F3} ms, " +
            $"difference {timing.MedianDifferenceMs:F3} ms, ratio {timing.MedianRatio:F3}; email p95 {mailP95:F0} ms");
    }

    /// <summary>
    /// P4: 1,000 Forgot POSTs for 1,000 seeded accounts; the clock stops when smtp4dev holds 1,000
    /// messages. First the sink's own intake of as many messages, for scale.
    /// </summary>
    private async Task MeasureOutboxAsync(ServerProcess ours, Smtp4dev mail, CancellationToken cancellationToken)
    {
        Console.WriteLine($"P4: smtp4dev's own intake of {BenchOptions.OutboxEmails} messages from a plain MailKit loop");
        _results.SinkIntake = await mail.MeasureIntakeAsync(BenchOptions.OutboxEmails, BenchOptions.SmtpConnections, SampleResetEmailHtml(), cancellationToken);
        Console.WriteLine(_results.SinkIntake is { } intake ? $"    all listed after {intake.TotalSeconds:F2} s" : "    NOT all listed within 90 s");

        Console.WriteLine($"P4: {BenchOptions.OutboxEmails} reset emails through the outbox");
        await mail.ClearAsync(cancellationToken);
        var form = new ForgotForm(ours.Client, OurForm);
        var pair = await form.FetchAsync(cancellationToken);
        var next = -1;

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < BenchOptions.OutboxEmails)
            {
                await form.PostAsync(pair, OutboxAccount(i), cancellationToken);
            }
        }));
        _results.OutboxPostsAccepted = clock.Elapsed;

        var delivered = await mail.WaitForCountAsync(BenchOptions.OutboxEmails, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(200), cancellationToken);
        _results.OutboxDelivered = delivered ? clock.Elapsed : null;
        Console.WriteLine($"    POSTs accepted after {_results.OutboxPostsAccepted.TotalSeconds:F2} s, " +
                          (delivered ? $"all delivered after {clock.Elapsed.TotalSeconds:F2} s" : "NOT all delivered within 90 s"));
        await Database.WaitForEmptyBacklogAsync(OursDatabase, DrainLimit, cancellationToken);
        await mail.ClearAsync(cancellationToken);
    }

    private async Task MeasureThroughputAsync(
        ProcessTracker processes, ServerProcess ours, ServerProcess stock, Smtp4dev mail, ResidentMemory memory, CancellationToken cancellationToken)
    {
        Console.WriteLine($"P2: wrk, {BenchOptions.WrkThreads} threads, {BenchOptions.WrkConnections} connections, {options.WrkDuration.TotalSeconds:F0} s per run");
        var none = new Dictionary<string, string>();
        memory.Phase = "P2 GET";
        _results.Plaintext = await Wrk.RunAsync(processes, ours.Url("/bench/plaintext"), options.WrkDuration, null, none, cancellationToken);
        _results.OursGet = await Wrk.RunAsync(processes, ours.Url(OurForm), options.WrkDuration, null, none, cancellationToken);
        _results.StockGet = await Wrk.RunAsync(processes, stock.Url(StockForm), options.WrkDuration, null, none, cancellationToken);

        // The stock app first: it leaves nothing behind, while RazorReset's backlog is drained after each of its runs.
        memory.Phase = "P2 POST, unknown addresses";
        _results.StockPostUnknown = await PostAsync(stock, StockForm, "unknown");
        _results.OursPostUnknown = await PostAsync(ours, OurForm, "unknown");
        await Database.WaitForEmptyBacklogAsync(OursDatabase, DrainLimit, cancellationToken);

        memory.Phase = "P2 POST, half existing";
        _results.StockPostMixed = await PostAsync(stock, StockForm, "half");
        await mail.ClearAsync(cancellationToken);
        _results.OursPostMixed = await PostAsync(ours, OurForm, "half");
        _results.OursMixedBacklogDrain = await Database.WaitForEmptyBacklogAsync(OursDatabase, DrainLimit, cancellationToken);
        Console.WriteLine($"    RazorReset's backlog drained {_results.OursMixedBacklogDrain.TotalSeconds:F1} s after the run");
        await mail.ClearAsync(cancellationToken);

        async Task<WrkResult> PostAsync(ServerProcess server, string path, string mix)
        {
            var pair = await new ForgotForm(server.Client, path).FetchAsync(cancellationToken);
            return await Wrk.RunAsync(processes, server.Url(path), options.WrkDuration, options.WrkPostScript, new Dictionary<string, string>
            {
                ["BENCH_COOKIE"] = pair.Cookie,
                ["BENCH_TOKEN"] = pair.Token,
                ["BENCH_ACCOUNTS"] = BenchOptions.LoadAccounts.ToString(CultureInfo.InvariantCulture),
                ["BENCH_MIX"] = mix,
            }, cancellationToken);
        }
    }

    /// <summary>The reset email's HTML with a link of the real length, for the sink's intake run.</summary>
    private string SampleResetEmailHtml()
    {
        var templates = Path.Combine(options.RepositoryRoot, "WebApp", "Email", "Templates");
        var link = "https://localhost/ResetLink?uid=" + Guid.NewGuid() + "&token=" + new string('x', 250);
        return File.ReadAllText(Path.Combine(templates, "layout.html"))
            .Replace("{{Body}}", File.ReadAllText(Path.Combine(templates, "reset-link.html")), StringComparison.Ordinal)
            .Replace("{{Link}}", link, StringComparison.Ordinal);
    }
}
