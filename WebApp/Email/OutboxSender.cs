using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RazorReset.Data;
using RazorReset.Infrastructure;

namespace RazorReset.Email;

public sealed class OutboxSignal : WorkSignal;

/// <summary>
/// Delivers queued messages (E1): deletes each once the transport accepted it (E2), retries
/// failures with exponential backoff, and marks a message failed after the last attempt.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    OutboxProtector protector,
    OutboxSignal signal,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan IdleSweep = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MinimumLease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = IdleSweep;
            try
            {
                wait = await SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.OutboxLoopFailed(exception);
                wait = options.Value.InitialRetryDelay;
            }

            await signal.WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>Sends everything due and returns how long to sleep until the next retry is due.</summary>
    internal async Task<TimeSpan> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var deliveries = new Deliveries(transport, protector);

        while (true)
        {
            var due = await ClaimDueAsync(db, cancellationToken);
            if (due.Count == 0) break;

            var outcomes = await deliveries.SendAsync(due, cancellationToken);
            for (var i = 0; i < due.Count; i++)
            {
                Record(db, due[i], outcomes[i]);
            }

            // One commit per batch: a crash before it resends at most this batch (at-least-once, E1).
            await SaveWhatIsStillOursAsync(db);
            db.ChangeTracker.Clear(); // the next claim reads fresh rows, not this batch's tracked copies
            cancellationToken.ThrowIfCancellationRequested();
            if (due.Count < BatchSize) break;
        }

        var next = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => (DateTime?)m.NextAttemptAt)
            .FirstOrDefaultAsync(cancellationToken);

        if (next is null) return IdleSweep;
        var untilNext = next.Value - time.GetUtcNow().UtcDateTime;
        return untilNext <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : untilNext < IdleSweep ? untilNext : IdleSweep;
    }

    /// <summary>
    /// Claims up to a batch of due messages in one UPDATE, so another instance on the same
    /// database skips them: their next attempt moves to the end of the lease. A claim left by a
    /// crashed instance lapses then, and the messages are sent by whoever comes next (E1).
    /// </summary>
    private async Task<List<OutboxMessage>> ClaimDueAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claim = Guid.NewGuid();
        var leaseEnd = now + Lease();
        var claimed = await db.WriteAsync(
            token => db.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Take(BatchSize)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseId, claim).SetProperty(m => m.NextAttemptAt, leaseEnd), token),
            cancellationToken);

        return claimed == 0
            ? []
            : await db.OutboxMessages.Where(m => m.LeaseId == claim).OrderBy(m => m.Id).ToListAsync(CancellationToken.None);
    }

    /// <summary>
    /// Twice the longest a batch can take (every message waiting out the SMTP timeout, spread over
    /// the sessions), and at least five minutes: how long a crashed instance's claim holds.
    /// </summary>
    private TimeSpan Lease()
    {
        var rounds = Math.Ceiling((double)BatchSize / Math.Max(1, transport.MaxSessions));
        var worstBatch = options.Value.Smtp.Timeout * rounds;
        return worstBatch * 2 > MinimumLease ? worstBatch * 2 : MinimumLease;
    }

    /// <summary>
    /// LeaseId is a concurrency token: if this batch outlived its lease and another round claimed
    /// a message since, that message is the other round's to record, and this one leaves it alone.
    /// </summary>
    private static async Task SaveWhatIsStillOursAsync(AppDbContext db)
    {
        while (true)
        {
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateConcurrencyException conflict) when (conflict.Entries.Count > 0)
            {
                foreach (var entry in conflict.Entries) entry.State = EntityState.Detached;
            }
        }
    }

    private void Record(AppDbContext db, OutboxMessage message, Delivery outcome)
    {
        message.LeaseId = null;
        if (outcome.NotAttempted)
        {
            // Shutting down: hand the message back at once rather than at the end of the lease.
            message.NextAttemptAt = time.GetUtcNow().UtcDateTime;
            return;
        }

        message.Attempts++;
        if (outcome.Error is null)
        {
            db.OutboxMessages.Remove(message);
            logger.EmailSent(message.Id, message.Kind, message.Attempts);
            return;
        }

        // The exception's type and message only: never the body, which holds the link.
        message.LastError = Truncate($"{outcome.Error.GetType().Name}: {outcome.Error.Message}", 1024);
        if (message.Attempts >= options.Value.MaxAttempts)
        {
            message.Status = OutboxStatus.Failed;
            logger.EmailFailed(message.Id, message.Kind, message.Attempts, message.LastError);
        }
        else
        {
            var delay = RetryBackoff.After(message.Attempts, options.Value.InitialRetryDelay, options.Value.MaxRetryDelay);
            message.NextAttemptAt = time.GetUtcNow().UtcDateTime + delay;
            logger.EmailRetryScheduled(message.Id, message.Kind, message.Attempts, delay, message.LastError);
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>What became of one message in a batch.</summary>
internal readonly record struct Delivery(bool NotAttempted, Exception? Error)
{
    public static readonly Delivery Sent = new(false, null);
    public static readonly Delivery Skipped = new(true, null);
}

/// <summary>
/// Spreads a batch over up to <see cref="IMailTransport.MaxSessions"/> sessions, each on a thread
/// of its own (see <see cref="IMailSession"/>). Sessions stay open across the batches of one
/// sending round and are closed when the outbox is empty.
/// </summary>
internal sealed class Deliveries(IMailTransport transport, OutboxProtector protector) : IDisposable
{
    private readonly List<IMailSession> _sessions = [];

    public async Task<Delivery[]> SendAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var outcomes = new Delivery[messages.Count];
        var lanes = Math.Min(transport.MaxSessions, messages.Count);
        while (_sessions.Count < lanes) _sessions.Add(transport.OpenSession());

        await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => Task.Factory.StartNew(
            () =>
            {
                for (var i = lane; i < messages.Count; i += lanes)
                {
                    outcomes[i] = cancellationToken.IsCancellationRequested ? Delivery.Skipped : Send(_sessions[lane], messages[i]);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        return outcomes;
    }

    private Delivery Send(IMailSession session, OutboxMessage message)
    {
        try
        {
            session.Send(protector.Unprotect(message.ProtectedContent));
            return Delivery.Sent;
        }
        catch (Exception exception)
        {
            return new Delivery(false, exception);
        }
    }

    public void Dispose()
    {
        foreach (var session in _sessions) session.Dispose();
    }
}
