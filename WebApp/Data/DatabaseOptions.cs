namespace RazorReset.Data;

/// <summary><c>Database:Provider</c>: which database <c>ConnectionStrings:Default</c> points at.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite only: when a commit counts as done. See <see cref="SqliteSynchronous"/>.</summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;
}

public enum DatabaseProvider
{
    /// <summary>Embedded, a file under App_Data: one instance, nothing to install.</summary>
    Sqlite,

    /// <summary>A server that several instances share.</summary>
    PostgreSQL,
}

/// <summary>
/// SQLite's <c>synchronous</c> setting in write-ahead-log mode. <c>Full</c> (the default) syncs the log
/// to disk on every commit: a committed request survives a power cut. <c>Normal</c> syncs only at
/// checkpoints: a commit survives the app crashing or being killed, but the last commits before a
/// power cut or kernel crash may be lost (the database stays consistent). An operator's choice.
/// </summary>
public enum SqliteSynchronous
{
    Full,
    Normal,
}
