using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RazorReset.Data;

public static class PersistenceRegistration
{
    public static void AddPersistence(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DatabaseWriteGate>();

        // Resolved when first needed, so configuration added by a test host or a later source counts;
        // then kept (singleton options) rather than rebuilt for every request's scope.
        builder.Services.AddDbContext<AppDbContext>(
            (services, options) => options.UseSqlite(ResolveConnectionString(
                services.GetRequiredService<IConfiguration>().GetConnectionString("Default") ?? "Data Source=App_Data/app.db",
                services.GetRequiredService<IHostEnvironment>().ContentRootPath)),
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
    }

    /// <summary>Applies pending migrations at start-up (O2) and turns on write-ahead logging.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    /// <summary>A relative data source is relative to the content root, whatever the working directory.</summary>
    private static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !Path.IsPathRooted(source))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, source));
        }

        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}
