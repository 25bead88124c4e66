using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RazorReset.Data;
using RazorReset.Email;

namespace RazorReset.Infrastructure;

/// <summary>
/// O3: the database answers and takes a write. A database that can only be read would let every
/// page render while every form fails, so the check commits a write that changes nothing.
/// </summary>
public sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    private const string RewriteOneRow =
        """UPDATE "__EFMigrationsHistory" SET "ProductVersion" = "ProductVersion" WHERE "MigrationId" = (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory")""";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.WriteAsync(token => db.Database.ExecuteSqlRawAsync(RewriteOneRow, token), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be written.");
        }
    }
}

/// <summary>
/// O3: mail is flowing. A message still undelivered minutes after it was queued means sending
/// has been failing: unhealthy. Messages given up on are degraded, for someone to look at.
/// </summary>
public sealed class OutboxHealthCheck(AppDbContext db, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Overdue = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - Overdue;
        var overdue = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending && m.CreatedAt < cutoff, cancellationToken);
        var failed = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken);
        var data = new Dictionary<string, object> { ["overdue"] = overdue, ["failed"] = failed };

        if (overdue > 0) return HealthCheckResult.Unhealthy($"{overdue} messages overdue: mail has been failing.", data: data);
        return failed == 0
            ? HealthCheckResult.Healthy("Outbox is keeping up.", data)
            : HealthCheckResult.Degraded($"{failed} failed messages in the outbox.", data: data);
    }
}
