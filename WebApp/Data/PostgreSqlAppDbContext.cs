using System.Data;
using Microsoft.EntityFrameworkCore;

namespace RazorReset.Data;

/// <summary>A shared server database, for several instances (<c>Database:Provider</c> = <c>PostgreSQL</c>).</summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options)
{
    /// <summary>
    /// SERIALIZABLE: PostgreSQL fails one of two transactions that read what the other wrote
    /// (serialization failure, 40001), and the retrying execution strategy runs the loser again.
    /// </summary>
    public override Task<T> IsolatedAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        Database.CreateExecutionStrategy().ExecuteAsync(
            work,
            async (_, run, token) =>
            {
                ChangeTracker.Clear();
                await using var transaction = await Database.BeginTransactionAsync(IsolationLevel.Serializable, token);
                var result = await run(token);
                await transaction.CommitAsync(token);
                return result;
            },
            verifySucceeded: null,
            cancellationToken);
}
