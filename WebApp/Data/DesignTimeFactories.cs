using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RazorReset.Data;

/// <summary>
/// What <c>dotnet ef</c> builds to add migrations or compare the model: one context per provider,
/// without starting the app. The PostgreSQL connection string is never opened by those commands.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        PersistenceRegistration.ConfigureSqlite(options, "Data Source=App_Data/app.db", Directory.GetCurrentDirectory());
        return new SqliteAppDbContext(options.Options, new DatabaseWriteGate());
    }
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    public PostgreSqlAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlAppDbContext>();
        PersistenceRegistration.ConfigurePostgreSql(options, "Host=localhost;Database=razorreset");
        return new PostgreSqlAppDbContext(options.Options);
    }
}
