using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace RazorReset.Data;

/// <summary>The embedded database (the default): one writer at a time, so writes queue at the gate.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    /// <summary>The process's one gate, from the app's services: a pooled context is made from its options alone.</summary>
    private DatabaseWriteGate WriteGate => field ??= this.GetService<DatabaseWriteGate>();

    public override bool CommitsOneWriterAtATime => true;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using (WriteGate.Enter())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
    }

    /// <summary>
    /// The work's commits at <c>synchronous = NORMAL</c> on a connection of its own for the while. In
    /// write-ahead-log mode each commit is still atomic and in order, and reaches the disk with the
    /// next one synced: a request's, or the mail sender's claim, which comes before any mail the
    /// work queued leaves (so no mail goes out for a commit a power cut could take back). Each sync
    /// held the write gate for milliseconds, ahead of the requests waiting to be recorded (P2).
    /// </summary>
    public override async Task<T> WithoutFlushingAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        // The level may only change outside a transaction, and holds until the connection is closed:
        // every open sets the configured one again (SqliteSynchronousInterceptor).
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await Database.ExecuteSqlRawAsync(SqliteSynchronousInterceptor.Pragma(SqliteSynchronous.Normal), cancellationToken);
            return await work(cancellationToken);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    public override async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        using (await WriteGate.EnterAsync(cancellationToken))
        {
            return await write(cancellationToken);
        }
    }
}
