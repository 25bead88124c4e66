namespace RazorReset.LoadBench;

/// <summary>One column of the table: an app on one database, with one or more instances.</summary>
public sealed class AppFigures(string name, int instances = 1)
{
    public string Name { get; } = name;

    public int Instances { get; } = instances;

    public TimeSpan? StartUpNewDatabase { get; set; }

    public TimeSpan? StartUp { get; set; }

    public long IdleRss { get; set; }

    /// <summary>The highest of the instances' own peaks: P3's limit is per instance.</summary>
    public (long Bytes, string Phase) PeakRss { get; set; }

    public TimingResult? Forgot { get; set; }

    public TimingResult? SignIn { get; set; }

    public TimingResult? Register { get; set; }

    public TimingResult? ResendConfirmation { get; set; }

    public double? MailP95Ms { get; set; }

    public WrkResult? Get { get; set; }

    public WrkResult? PostUnknown { get; set; }

    public WrkResult? PostMixed { get; set; }

    /// <summary>SQLite only: the unknown-only POST run again with Database:SqliteSynchronous = Normal.</summary>
    public WrkResult? PostUnknownSyncNormal { get; set; }

    public TimeSpan? MixedBacklogDrain { get; set; }

    public TimeSpan? OutboxPostsAccepted { get; set; }

    public TimeSpan? OutboxDelivered { get; set; }

    public bool OutboxMeasured { get; set; }
}

public sealed class BenchResults
{
    public AppFigures Sqlite { get; } = new("RazorReset, SQLite");

    public AppFigures PostgreSql { get; } = new("RazorReset, PostgreSQL, 1 instance");

    public AppFigures PostgreSqlPair { get; } = new("RazorReset, PostgreSQL, 2 instances", 2);

    public AppFigures Stock { get; } = new("stock Identity UI (SQLite)");

    public WrkResult? Plaintext { get; set; }

    public TimeSpan? SinkIntake { get; set; }

    public string? PostgreSqlVersion { get; set; }

    /// <summary>Why the PostgreSQL columns are empty, when they are.</summary>
    public string? PostgreSqlFailure { get; set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>Set when the time limit stopped the run before the end.</summary>
    public string? Stopped { get; set; }
}
