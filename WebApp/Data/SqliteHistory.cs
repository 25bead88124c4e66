using Microsoft.EntityFrameworkCore;

namespace RazorReset.Data;

/// <summary>
/// Databases created before the migrations came from <c>dotnet ef</c> record three hand-written
/// migrations. The tool's <c>Baseline</c> creates exactly the schema those three left behind, so
/// such a database is recorded as being at the baseline, and migrating carries on from there with
/// its users, requests and queued mail untouched.
/// </summary>
internal static class SqliteHistory
{
    private const string Baseline = "20261201120010_Baseline";
    private const string LastHandWritten = "20261122070000_ResetRequestRetries";

    private static readonly string[] HandWritten =
        ["20261122000000_InitialCreate", "20261122060000_OutboxLease", LastHandWritten];

    public static async Task AdoptHandWrittenHistoryAsync(SqliteAppDbContext db)
    {
        var database = db.Database;
        var recorded = await database.SqlQueryRaw<string>(
                "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'")
            .ToListAsync();
        if (recorded.Count == 0) return;

        var applied = await database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync();
        if (!applied.Intersect(HandWritten).Any()) return;
        if (!applied.Contains(LastHandWritten))
        {
            throw new InvalidOperationException(
                $"The database stops at an early hand-written migration ({string.Join(", ", applied)}); start a release from before 2026-12 on it once, then this one.");
        }

        await using var transaction = await database.BeginTransactionAsync();
        foreach (var id in HandWritten)
        {
            await database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {id}");
        }

        await database.ExecuteSqlAsync(
            $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({Baseline}, '10.0.14')");
        await transaction.CommitAsync();
    }
}
