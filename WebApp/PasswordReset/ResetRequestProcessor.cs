using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RazorReset.Data;
using RazorReset.Email;
using RazorReset.Infrastructure;

namespace RazorReset.PasswordReset;

/// <summary>
/// Resolves recorded reset requests in the background (F2): wakes when one is recorded, and
/// sweeps at start-up and periodically so a request recorded just before a crash is still served.
/// </summary>
public sealed class ResetRequestProcessor(
    IServiceScopeFactory scopes,
    ResetRequestSignal signal,
    IOptions<PasswordResetOptions> options,
    ILogger<ResetRequestProcessor> logger) : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ProcessPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.ResetProcessingFailed(exception);
            }

            await signal.WaitAsync(options.Value.SweepInterval, stoppingToken);

            // Requests that arrive together are resolved together, and this work never lands on
            // the response of the request that woke it: an address that exists must not make its
            // own POST slower (F2; measured by the benchmark's P1).
            await Task.Delay(options.Value.BatchWindow, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ProcessPendingAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<ResetRequestHandler>();
            if (await handler.HandleBatchAsync(BatchSize, cancellationToken) < BatchSize) return;
        }
    }
}

/// <summary>One batch of pending requests: look up, limit per account (S6), issue the link, queue the mail.</summary>
public sealed class ResetRequestHandler(
    AppDbContext db,
    UserManager<IdentityUser> users,
    Outbox outbox,
    OutboxSignal outboxSignal,
    EmailTemplates templates,
    ResetLinks links,
    ResetCodeIssuer codes,
    IOptions<PasswordResetOptions> options,
    TimeProvider time,
    ILogger<ResetRequestHandler> logger)
{
    public async Task<int> HandleBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var pending = await db.ResetRequests
            .Where(r => r.ProcessedAt == null && (r.RetryAt == null || r.RetryAt <= now))
            .OrderBy(r => r.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);

        var events = new List<Action>(pending.Count);
        foreach (var request in pending)
        {
            try
            {
                events.Add(await HandleAsync(request, cancellationToken));
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                events.Add(Failed(request, exception));
            }
        }

        // One commit for the batch: outcomes, erased addresses and queued mail land together or not
        // at all. ProcessedAt is a concurrency token, so if another instance on the same database
        // resolved any of these first, this whole batch (its mail included) is dropped, not sent twice.
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.ResetBatchResolvedElsewhere(pending.Count);
            db.ChangeTracker.Clear();
            return pending.Count;
        }

        foreach (var recordEvent in events) recordEvent();
        if (pending.Any(r => r.Outcome == ResetRequestOutcome.EmailQueued)) outboxSignal.Wake();

        return pending.Count;
    }

    /// <summary>Resolves one request and returns its security event, to be logged once the batch is committed.</summary>
    private async Task<Action> HandleAsync(ResetRequest request, CancellationToken cancellationToken)
    {
        var user = request.NormalizedEmail is null ? null : await users.FindByEmailAsync(request.NormalizedEmail);
        request.Outcome = user is null ? ResetRequestOutcome.UnknownAccount : await DecideAsync(request, user, cancellationToken);

        Action recordEvent = () => logger.ResetForUnknownAccount(request.Id);
        if (request.Outcome == ResetRequestOutcome.Throttled)
        {
            recordEvent = () => logger.ResetThrottledForAccount(request.Id, user!.Id, options.Value.MaxEmailsPerAccountPerHour);
        }
        else if (request.Outcome == ResetRequestOutcome.EmailQueued)
        {
            var link = links.Create(user!.Id, await users.GeneratePasswordResetTokenAsync(user));
            var code = await codes.IssueAsync(user, request.Id, cancellationToken);
            outbox.Add(templates.ResetLink(user.Email!, link, options.Value.ExpiryText, code));
            var confirmed = user.EmailConfirmed;
            recordEvent = () =>
            {
                logger.ResetEmailQueued(request.Id, user.Id);
                if (!confirmed) logger.ResetForUnconfirmedAccount(request.Id, user.Id);
            };
        }

        // Only once nothing can throw: a request that fails keeps its address for the retry.
        if (request.Outcome != ResetRequestOutcome.EmailQueued) codes.AddDecoy(request.Id);
        Forget(request, user?.Id);
        return recordEvent;
    }

    /// <summary>
    /// One broken request must not hold back the ones queued behind it: it waits, and after the
    /// last attempt it is dropped with its address erased.
    /// </summary>
    private Action Failed(ResetRequest request, Exception exception)
    {
        request.Outcome = ResetRequestOutcome.Pending; // the attempt may have decided before it threw
        request.Attempts++;
        var settings = options.Value;
        if (request.Attempts >= settings.MaxResolveAttempts)
        {
            request.Outcome = ResetRequestOutcome.Failed;
            Forget(request, userId: null);
            return () => logger.ResetRequestFailed(request.Id, exception);
        }

        var retryAt = time.GetUtcNow().UtcDateTime + RetryBackoff.After(request.Attempts, settings.SweepInterval, TimeSpan.MaxValue);
        request.RetryAt = retryAt;
        return () => logger.ResetRequestRetryScheduled(request.Id, request.Attempts, settings.MaxResolveAttempts, retryAt, exception);
    }

    /// <summary>The address has served its purpose; the row keeps only the account id and outcome.</summary>
    private void Forget(ResetRequest request, string? userId)
    {
        request.UserId = userId;
        request.NormalizedEmail = null;
        request.ProcessedAt = time.GetUtcNow().UtcDateTime;
    }

    private async Task<ResetRequestOutcome> DecideAsync(ResetRequest request, IdentityUser user, CancellationToken cancellationToken)
    {
        var since = request.RequestedAt - TimeSpan.FromHours(1);
        var saved = await db.ResetRequests.CountAsync(
            r => r.UserId == user.Id && r.Outcome == ResetRequestOutcome.EmailQueued && r.RequestedAt > since, cancellationToken);
        // Emails queued earlier in this batch are not saved yet, so they are counted from memory.
        var inThisBatch = db.ResetRequests.Local.Count(
            r => r.UserId == user.Id && r.Outcome == ResetRequestOutcome.EmailQueued && r.RequestedAt > since);

        return saved + inThisBatch >= options.Value.MaxEmailsPerAccountPerHour ? ResetRequestOutcome.Throttled : ResetRequestOutcome.EmailQueued;
    }
}
