using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RazorReset.Data;
using RazorReset.Infrastructure;
using RazorReset.PasswordReset;

namespace RazorReset.Email;

/// <summary>
/// Delivers queued messages (E1): deletes each once the transport accepted it (E2), and retries
/// failures with a capped exponential backoff for as long as the message is useful — a reset
/// email until its link expires, anything else for Email:RetryFor — then drops it with a logged
/// event.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    OutboxProtector protector,
    MessageComposer composer,
    OutboxSignal signal,
    IOptions<EmailOptions> options,
    IOptions<PasswordResetOptions> reset,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan IdleSweep = TimeSpan.FromSeconds(30);

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
        await using var deliveries = new OutboxDeliveries(transport, protector, composer);

        while (true)
        {
            var (claim, due) = await ClaimDueAsync(db, cancellationToken);
            if (due.Count == 0) break;

            var live = DropExpired(due);
            var outcomes = await SendRenewingTheClaimAsync(db, claim, deliveries, live, cancellationToken);
            for (var i = 0; i < live.Count; i++)
            {
                Record(db, live[i], outcomes[i]);
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
    /// database skips them: their next attempt moves to the end of a short lease. A claim left
    /// by an instance that died lapses then, and the messages are sent by whoever comes next (E1).
    /// </summary>
    private async Task<(Guid Claim, List<OutboxMessage> Due)> ClaimDueAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claim = Guid.NewGuid();
        var leaseEnd = now + options.Value.ClaimLease;
        // The conditions go on the updated rows themselves, not only on the subquery choosing them:
        // under READ COMMITTED a claim that waited for another's row locks checks them again on the
        // rows as committed, and skips messages the other claim took instead of taking them over.
        var due = db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now);
        var head = due.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(BatchSize).Select(m => m.Id);
        var claimed = await db.WriteAsync(
            token => due.Where(m => head.Contains(m.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseId, claim).SetProperty(m => m.NextAttemptAt, leaseEnd), token),
            cancellationToken);

        return (claim, claimed == 0
            ? []
            : await db.OutboxMessages.Where(m => m.LeaseId == claim).OrderBy(m => m.Id).ToListAsync(CancellationToken.None));
    }

    /// <summary>
    /// The lease is short so that mail claimed by an instance that died waits at most that long
    /// (kill -9, then a restart: sent within the lease); while this instance lives, it renews the
    /// claim every third of the lease, so a slow server never lets another instance send twice.
    /// </summary>
    private async Task<Delivery[]> SendRenewingTheClaimAsync(
        AppDbContext db, Guid claim, OutboxDeliveries deliveries, List<OutboxMessage> due, CancellationToken cancellationToken)
    {
        using var sending = new CancellationTokenSource();
        var renewal = RenewAsync(db, claim, sending.Token);
        try
        {
            return await deliveries.SendAsync(due, cancellationToken);
        }
        finally
        {
            await sending.CancelAsync();
            await renewal;
        }
    }

    private async Task RenewAsync(AppDbContext db, Guid claim, CancellationToken sendingDone)
    {
        var lease = options.Value.ClaimLease;
        while (true)
        {
            try
            {
                await Task.Delay(lease / 3, time, sendingDone);
                var leaseEnd = time.GetUtcNow().UtcDateTime + lease;
                await db.WriteAsync(
                    token => db.OutboxMessages.Where(m => m.LeaseId == claim)
                        .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, leaseEnd), token),
                    CancellationToken.None);
            }
            catch (OperationCanceledException) when (sendingDone.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.OutboxLoopFailed(exception); // the claim may lapse: at worst a message is sent twice
            }
        }
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
        var now = time.GetUtcNow().UtcDateTime;
        message.LeaseId = null;
        if (outcome.NotAttempted)
        {
            // Shutting down: hand the message back at once rather than at the end of the lease.
            message.NextAttemptAt = now;
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
        var usefulUntil = message.CreatedAt + UsefulFor(message.Kind);
        var retryAt = now + RetryBackoff.After(message.Attempts, options.Value.InitialRetryDelay, options.Value.MaxRetryDelay);
        if (retryAt >= usefulUntil)
        {
            message.Status = OutboxStatus.Failed;
            logger.EmailFailed(message.Id, message.Kind, message.Attempts, message.LastError);
        }
        else
        {
            message.NextAttemptAt = retryAt;
            logger.EmailRetryScheduled(message.Id, message.Kind, message.Attempts, retryAt - now, message.LastError);
        }
    }

    /// <summary>Mail that waited past its use (an instance down for longer than a link lives) is dropped unsent.</summary>
    private List<OutboxMessage> DropExpired(List<OutboxMessage> due)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var live = new List<OutboxMessage>(due.Count);
        foreach (var message in due)
        {
            if (now < message.CreatedAt + UsefulFor(message.Kind))
            {
                live.Add(message);
                continue;
            }

            message.LeaseId = null;
            message.Status = OutboxStatus.Failed;
            message.LastError ??= "No longer useful before it could be sent.";
            logger.EmailFailed(message.Id, message.Kind, message.Attempts, message.LastError);
        }

        return live;
    }

    /// <summary>A reset email is worth delivering only while its link works; other mail for Email:RetryFor.</summary>
    private TimeSpan UsefulFor(string kind) =>
        kind == EmailKinds.ResetLink ? reset.Value.TokenLifespan : options.Value.RetryFor;

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
