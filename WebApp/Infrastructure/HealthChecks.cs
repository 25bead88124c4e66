using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RazorReset.Data;
using RazorReset.Email;

namespace RazorReset.Infrastructure;

/// <summary>O3: the database answers.</summary>
public sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}

/// <summary>O3: mail is flowing. A backlog overdue by minutes, or any failed message, is degraded.</summary>
public sealed class OutboxHealthCheck(AppDbContext db, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Overdue = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - Overdue;
        var overdue = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending && m.CreatedAt < cutoff, cancellationToken);
        var failed = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken);
        var data = new Dictionary<string, object> { ["overdue"] = overdue, ["failed"] = failed };

        return overdue == 0 && failed == 0
            ? HealthCheckResult.Healthy("Outbox is keeping up.", data)
            : HealthCheckResult.Degraded($"{overdue} overdue and {failed} failed messages in the outbox.", data: data);
    }
}
