using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PostgreSql;

/// <summary>The real app on a database of its own in the shared PostgreSQL test server.</summary>
public sealed class PostgreSqlFactory() : RazorResetFactory(PostgreSqlServer.NewDatabaseSettings())
{
    /// <summary>A host with other settings as well, on a new database of its own.</summary>
    public static RazorResetFactory On(IDictionary<string, string?> settings)
    {
        var all = PostgreSqlServer.NewDatabaseSettings();
        foreach (var (key, value) in settings) all[key] = value;
        return With(all);
    }
}
