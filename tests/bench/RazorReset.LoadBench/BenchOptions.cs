using System.Globalization;
namespace RazorReset.LoadBench;

/// <summary>
/// What tests/bench/run hands over: where things are, how long each wrk run lasts, how many P1
/// pairs, and whether to stop after P1 on SQLite (a quick check, not a table to publish).
/// </summary>
public sealed record BenchOptions(
    string RepositoryRoot,
    string RazorResetDirectory,
    string StockDirectory,
    string WorkDirectory,
    string OutputPath,
    string? MicroResultsDirectory,
    TimeSpan WrkDuration,
    int TimingPairs,
    bool OnlyP1)
{
    public const int WarmupPairs = 40;
    public const int OutboxEmails = 1_000;
    public const int LoadAccounts = 1_000;
    public const int WrkThreads = 2;
    public const int WrkConnections = 32;

    /// <summary>Email:Smtp:MaxConnections's default: the sink's intake is measured over as many.</summary>
    public const int SmtpConnections = 8;

    /// <summary>A hard stop for the whole load run, so a hung server cannot keep it going.</summary>
    public TimeSpan TimeLimit { get; } = TimeSpan.FromMinutes(35);

    /// <summary>The source folder: appsettings.json, and wwwroot-assets beside it, as in the README's `dotnet run`.</summary>
    public string RazorResetContentRoot => Path.Combine(RepositoryRoot, "WebApp");

    public string RazorResetAssembly => Path.Combine(RazorResetDirectory, "WebApp.dll");

    public string StockAssembly => Path.Combine(StockDirectory, "Stock.dll");

    /// <summary>smtp4dev, installed by tests/bench/run at the version the tool manifest pins.</summary>
    public string Smtp4devExecutable => Path.Combine(WorkDirectory, "tools", "smtp4dev");

    public string WrkPostScript => Path.Combine(RepositoryRoot, "tests", "bench", "forgot-post.lua");

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            values[args[i][2..]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value)
            ? Path.GetFullPath(value)
            : throw new ArgumentException($"--{name} is required.");

        static bool OnlyP1OrThrow(string only) => only == "p1" ? true : throw new ArgumentException($"--only takes p1, not '{only}'.");

        return new BenchOptions(
            Required("repo"),
            Required("razorreset"),
            Required("stock"),
            Required("work"),
            Required("out"),
            values.TryGetValue("micro", out var micro) ? Path.GetFullPath(micro) : null,
            TimeSpan.FromSeconds(values.TryGetValue("seconds", out var seconds) ? int.Parse(seconds, CultureInfo.InvariantCulture) : 10),
            values.TryGetValue("pairs", out var pairs) ? int.Parse(pairs, CultureInfo.InvariantCulture) : 400,
            values.TryGetValue("only", out var only) && OnlyP1OrThrow(only));
    }
}
