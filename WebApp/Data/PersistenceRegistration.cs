using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using RazorReset.Data.CompiledModels.PostgreSql;
using RazorReset.Data.CompiledModels.Sqlite;

namespace RazorReset.Data;

public static class PersistenceRegistration
{
    private const string DefaultSqlite = "Data Source=App_Data/app.db";

    public static void AddPersistence(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddSingleton<DatabaseWriteGate>();

        // Both are registered and AppDbContext is whichever the settings name, decided when first
        // needed, so configuration added by a test host or a later source counts. The contexts are
        // pooled: a new context costs EF Core a copy of its options to find its internal services,
        // and every request's scope needs one (P2).
        services.AddDbContextPool<SqliteAppDbContext>(
            (provider, options) => ConfigureSqlite(options, ConnectionString(provider) ?? DefaultSqlite,
                provider.GetRequiredService<IHostEnvironment>().ContentRootPath,
                provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.SqliteSynchronous));
        services.AddDbContextPool<PostgreSqlAppDbContext>(
            (provider, options) => ConfigurePostgreSql(options, ConnectionString(provider)!));
        services.AddScoped<AppDbContext>(provider =>
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.PostgreSQL
                ? provider.GetRequiredService<PostgreSqlAppDbContext>()
                : provider.GetRequiredService<SqliteAppDbContext>());
    }

    /// <summary>Applies pending migrations at start-up (O2); SQLite also gets write-ahead logging.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db is SqliteAppDbContext sqlite)
        {
            await SqliteHistory.AdoptHandWrittenHistoryAsync(sqlite);
        }

        // Migrating takes the migrations lock and builds every migration's model even when there is
        // nothing to apply; on a restart that was a quarter of start-up (P3).
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            await db.Database.MigrateAsync();
        }

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }

    internal static void ConfigureSqlite(
        DbContextOptionsBuilder options, string connectionString, string contentRoot, SqliteSynchronous synchronous = SqliteSynchronous.Full) =>
        options.UseSqlite(ResolveSqliteConnectionString(connectionString, contentRoot))
            .UseCompiledModel(SqliteAppDbContextModel.Instance)
            .ConfigureWarnings(IgnorePendingModelChanges)
            .AddInterceptors(new SqliteSynchronousInterceptor(synchronous));

    internal static void ConfigurePostgreSql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure())
            .UseCompiledModel(PostgreSqlAppDbContextModel.Instance)
            .ConfigureWarnings(IgnorePendingModelChanges);

    /// <summary>
    /// Names the compiled model rather than leaving EF Core to find it through the assembly's
    /// attribute: that lookup reads the model's <c>Instance</c> by reflection for each context,
    /// and once the runtime has collected its reflection cache it emits a new invoke stub, about ten
    /// a second under load, each one later finalized (P2). At design time (migrations, <c>optimize</c>)
    /// the model must be built from the code, so it is not named there.
    /// </summary>
    private static DbContextOptionsBuilder UseCompiledModel(this DbContextOptionsBuilder options, IModel model) =>
        EF.IsDesignTime ? options : options.UseModel(model);

    /// <summary>
    /// The test command fails when the model has changes no migration carries (O2), so start-up
    /// need not compare the model with the last migration's on every start; that comparison needs
    /// the design-time model, which the compiled model (Data/CompiledModels) exists to avoid building.
    /// </summary>
    private static void IgnorePendingModelChanges(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(RelationalEventId.PendingModelChangesWarning);

    private static string? ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString("Default");

    /// <summary>A relative data source is relative to the content root, whatever the working directory.</summary>
    private static string ResolveSqliteConnectionString(string connectionString, string contentRoot)
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

/// <summary>PostgreSQL has no sensible default server: it must be named (O1).</summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        options.Provider == DatabaseProvider.PostgreSQL && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Default"))
            ? ValidateOptionsResult.Fail("ConnectionStrings:Default must name the PostgreSQL server when Database:Provider is PostgreSQL.")
            : ValidateOptionsResult.Success;
}
