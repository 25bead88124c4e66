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

        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var due = await db.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);

            foreach (var message in due)
            {
                await SendOneAsync(db, message, cancellationToken);
            }

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

    private async Task SendOneAsync(AppDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        message.Attempts++;
        try
        {
            await transport.SendAsync(protector.Unprotect(message.ProtectedContent), cancellationToken);
            db.OutboxMessages.Remove(message);
            logger.EmailSent(message.Id, message.Kind, message.Attempts);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The exception's type and message only: never the body, which holds the link.
            message.LastError = Truncate($"{exception.GetType().Name}: {exception.Message}", 1024);
            if (message.Attempts >= options.Value.MaxAttempts)
            {
                message.Status = OutboxStatus.Failed;
                logger.EmailFailed(message.Id, message.Kind, message.Attempts, message.LastError);
            }
            else
            {
                var delay = Backoff(message.Attempts);
                message.NextAttemptAt = time.GetUtcNow().UtcDateTime + delay;
                logger.EmailRetryScheduled(message.Id, message.Kind, message.Attempts, delay, message.LastError);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private TimeSpan Backoff(int attempts)
    {
        var settings = options.Value;
        var delay = settings.InitialRetryDelay * Math.Pow(2, attempts - 1);
        return delay < settings.MaxRetryDelay ? delay : settings.MaxRetryDelay;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
