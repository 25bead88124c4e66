namespace RazorReset.Data;

/// <summary><c>Database:Provider</c>: which database <c>ConnectionStrings:Default</c> points at.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    /// <summary>Embedded, a file under App_Data: one instance, nothing to install.</summary>
    Sqlite,

    /// <summary>A server that several instances share.</summary>
    PostgreSQL,
}
