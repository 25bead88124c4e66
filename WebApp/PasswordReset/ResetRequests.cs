using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using RazorReset.Data;
using RazorReset.Infrastructure;

namespace RazorReset.PasswordReset;

public sealed class ResetRequestSignal : WorkSignal;

/// <summary>
/// The only thing a Forgot submission does (F2): one insert, the same for every address, then a
/// wake-up for the processor. Whether the account exists is decided later, off the request path.
/// </summary>
public sealed class ResetRequests(
    AppDbContext db,
    ResetRequestCommits commits,
    ILookupNormalizer normalizer,
    ResetRequestSignal signal,
    TimeProvider time)
{
    /// <summary>Records the request and returns its id, which the pending-reset cookie carries.</summary>
    public async Task<long> RecordAsync(string email, CancellationToken cancellationToken)
    {
        var request = new ResetRequest
        {
            NormalizedEmail = normalizer.NormalizeEmail(email.Trim()),
            RequestedAt = time.GetUtcNow().UtcDateTime,
        };
        await commits.CommitAsync(request, db);
        signal.Wake();
        return request.Id;
    }
}

/// <summary>
/// Group commit for the Forgot insert. Each submission returns only once its own row is committed,
/// but submissions that arrive together share one transaction: whoever has the turn writes every
/// row queued so far. A burst then costs one commit instead of one per request, which matters
/// because SQLite commits one writer at a time. A database that commits writers side by side gets
/// each insert on its own: funnelling them through one turn would only make them queue.
/// </summary>
public sealed class ResetRequestCommits : IDisposable
{
    private const int MaxBatch = 256;
    private readonly ConcurrentQueue<Entry> _queue = new();
    private readonly SemaphoreSlim _turn = new(1, 1);

    public void Dispose() => _turn.Dispose();

    /// <summary>Not cancellable: once accepted, a request is written even if its client has gone.</summary>
    public async Task CommitAsync(ResetRequest request, AppDbContext db)
    {
        if (!db.CommitsOneWriterAtATime)
        {
            db.ResetRequests.Add(request);
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        var entry = new Entry(request);
        _queue.Enqueue(entry);

        await _turn.WaitAsync();
        try
        {
            while (!entry.Committed.Task.IsCompleted)
            {
                await CommitQueuedAsync(db);
            }
        }
        finally
        {
            _turn.Release();
        }

        await entry.Committed.Task;
    }

    private async Task CommitQueuedAsync(AppDbContext db)
    {
        var batch = new List<Entry>();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next)) batch.Add(next);

        try
        {
            db.ResetRequests.AddRange(batch.Select(e => e.Request));
            await db.SaveChangesAsync(CancellationToken.None);
            foreach (var entry in batch) entry.Committed.TrySetResult();
        }
        catch (Exception exception)
        {
            foreach (var entry in batch) entry.Committed.TrySetException(exception);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private sealed class Entry(ResetRequest request)
    {
        public ResetRequest Request { get; } = request;

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
