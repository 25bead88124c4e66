using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RazorReset.Data;
using RazorReset.Email;
using RazorReset.Infrastructure;

namespace RazorReset.PasswordReset;

/// <summary>Resolves recorded reset requests in the background (F2).</summary>
public sealed class ResetRequestProcessor(
    IServiceScopeFactory scopes,
    ResetRequestSignal signal,
    IOptions<PasswordResetOptions> options,
    ILogger<ResetRequestProcessor> logger) : QueueProcessor(scopes, signal)
{
    protected override int BatchSize => 200;

    protected override TimeSpan SweepInterval => options.Value.SweepInterval;

    // Requests that arrive together are resolved together, and this work never lands on the
    // response of the request that woke it: an address that exists must not make its own POST
    // slower (F2; measured by the benchmark's P1).
    protected override TimeSpan BatchWindow => options.Value.BatchWindow;

    protected override Task<int> HandleBatchAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ResetRequestHandler>().HandleBatchAsync(BatchSize, cancellationToken);

    protected override void LogRoundFailed(Exception exception) => logger.ResetProcessingFailed(exception);
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
    /// <summary>How long a claimed batch is the claimant's alone; after that, an instance that died holding it has lost it.</summary>
    internal static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    public async Task<int> HandleBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(batchSize, cancellationToken);
        if (claim is null) return 0;

        // One commit for the batch: outcomes, erased addresses and queued mail land together or not
        // at all. The claim id and ProcessedAt are concurrency tokens, so if this batch outlived its
        // claim and another instance took any of these over, this whole batch (its mail included) is
        // dropped, not sent twice. Isolated, so two instances never both count an account's emails
        // as below the limit (S6) and both send.
        List<ResetRequest> pending;
        List<Action> events;
        try
        {
            (pending, events) = await db.IsolatedAsync(
                async token =>
                {
                    var batch = await db.ResetRequests.Where(r => r.ClaimId == claim).OrderBy(r => r.Id).ToListAsync(token);
                    var accounts = await AccountsAsync(batch, token);
                    var unknown = batch.Where(r => r.NormalizedEmail is null || !accounts.Contains(r.NormalizedEmail)).ToList();
                    var requestIds = batch.ConvertAll(r => r.Id);
                    var recorded = new List<Action>(batch.Count - unknown.Count + 2) { () => logger.ResetsRequested(requestIds) };
                    foreach (var request in batch.Except(unknown))
                    {
                        try
                        {
                            recorded.Add(await HandleAsync(request, accounts, token));
                        }
                        catch (Exception exception) when (!token.IsCancellationRequested && !IsConflict(exception))
                        {
                            recorded.Add(Failed(request, exception));
                        }
                    }

                    var resolvedAt = time.GetUtcNow().UtcDateTime;
                    var unknownIds = Untrack(unknown, resolvedAt);
                    await db.SaveChangesAsync(alongside: write => ResolveUnknownAsync(claim.Value, unknownIds, resolvedAt, write), token);
                    if (unknownIds.Count > 0) recorded.Add(() => logger.ResetsForUnknownAccounts(unknownIds));

                    return (batch, recorded);
                },
                cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.ResetBatchResolvedElsewhere(batchSize);
            db.ChangeTracker.Clear();
            return batchSize;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(claim.Value);
            throw;
        }

        foreach (var recordEvent in events) recordEvent();
        if (pending.Any(r => r.Outcome == ResetRequestOutcome.EmailQueued)) outboxSignal.Wake();

        return pending.Count;
    }

    /// <summary>
    /// Takes up to a batch of due requests for this instance in one UPDATE whose conditions are
    /// checked again on each row it writes: under READ COMMITTED an instance that lost the race for
    /// a row skips it instead of taking it over, and tries the next ones.
    /// </summary>
    private async Task<Guid?> ClaimAsync(int batchSize, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var claim = Guid.NewGuid();
            var until = now + ClaimLease;
            var due = db.ResetRequests.Where(r => r.ProcessedAt == null && (r.RetryAt == null || r.RetryAt <= now));
            var head = due.OrderBy(r => r.Id).Take(batchSize).Select(r => r.Id);
            var claimed = await db.WriteAsync(
                token => due.Where(r => head.Contains(r.Id))
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.ClaimId, claim).SetProperty(r => r.RetryAt, until), token),
                cancellationToken);
            if (claimed > 0) return claim;
            if (!await due.AnyAsync(cancellationToken)) return null;
        }
    }

    /// <summary>
    /// A database error (a clash with another instance, a lost connection) is the whole batch's:
    /// the transaction is gone, so no single request is to blame for it.
    /// </summary>
    private static bool IsConflict(Exception exception) => exception is DbException or DbUpdateException;

    /// <summary>A batch that failed as a whole hands its requests back at once rather than at the end of the claim.</summary>
    private async Task ReleaseAsync(Guid claim)
    {
        db.ChangeTracker.Clear();
        await db.WriteAsync(
            token => db.ResetRequests.Where(r => r.ClaimId == claim && r.ProcessedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ClaimId, (Guid?)null).SetProperty(r => r.RetryAt, (DateTime?)null), token),
            CancellationToken.None);
    }

    /// <summary>
    /// The batch's accounts in one query rather than one lookup per request: under a flood of
    /// unknown addresses the per-request lookups were half of the processor's time (the
    /// benchmark's profile). An address two accounts share fails its request, as a lookup would.
    /// </summary>
    private async Task<ILookup<string, IdentityUser>> AccountsAsync(List<ResetRequest> batch, CancellationToken cancellationToken)
    {
        var addresses = batch.Select(r => r.NormalizedEmail).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (addresses.Count == 0) return Array.Empty<IdentityUser>().ToLookup(u => u.NormalizedEmail!, StringComparer.Ordinal);

        var found = await db.Users.Where(u => u.NormalizedEmail != null && addresses.Contains(u.NormalizedEmail)).ToListAsync(cancellationToken);
        return found.ToLookup(u => u.NormalizedEmail!, StringComparer.Ordinal);
    }

    /// <summary>
    /// The batch's requests that matched no account are resolved in one statement rather than one
    /// tracked update each: under a flood of unknown addresses they are nearly all the processor
    /// does (the benchmark's profile). Each still gets its decoy code row, written with them.
    /// </summary>
    private List<long> Untrack(List<ResetRequest> unknown, DateTime now)
    {
        foreach (var request in unknown)
        {
            db.Entry(request).State = EntityState.Detached;
            request.Outcome = ResetRequestOutcome.UnknownAccount;
            Forget(request, userId: null, now);
        }

        return unknown.ConvertAll(r => r.Id);
    }

    /// <summary>
    /// The same conditions as a tracked update's concurrency tokens: if another instance took any
    /// of these requests over, the whole batch is dropped.
    /// </summary>
    private async Task ResolveUnknownAsync(Guid claim, List<long> ids, DateTime now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return;

        var resolved = await db.ResetRequests
            .Where(r => r.ClaimId == claim && r.ProcessedAt == null && ids.Contains(r.Id))
            .ExecuteUpdateAsync(
                set => set.SetProperty(r => r.Outcome, ResetRequestOutcome.UnknownAccount)
                    .SetProperty(r => r.UserId, (string?)null)
                    .SetProperty(r => r.NormalizedEmail, (string?)null)
                    .SetProperty(r => r.ProcessedAt, now)
                    .SetProperty(r => r.RetryAt, (DateTime?)null)
                    .SetProperty(r => r.ClaimId, (Guid?)null),
                cancellationToken);
        if (resolved != ids.Count)
        {
            throw new DbUpdateConcurrencyException($"{ids.Count - resolved} of {ids.Count} claimed reset requests were taken over by another instance.");
        }

        await codes.AddDecoysAsync(ids, cancellationToken);
    }

    /// <summary>Resolves one request of an account and returns its security event, to be logged once the batch is committed.</summary>
    private async Task<Action> HandleAsync(ResetRequest request, ILookup<string, IdentityUser> accounts, CancellationToken cancellationToken)
    {
        var user = accounts[request.NormalizedEmail!].Single();
        request.Outcome = await DecideAsync(request, user, cancellationToken);

        Action recordEvent = () => logger.ResetThrottledForAccount(request.Id, user.Id, options.Value.MaxEmailsPerAccountPerHour);
        if (request.Outcome == ResetRequestOutcome.EmailQueued)
        {
            var link = links.Create(user.Id, await users.GeneratePasswordResetTokenAsync(user));
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
        Forget(request, user.Id, time.GetUtcNow().UtcDateTime);
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
            Forget(request, userId: null, time.GetUtcNow().UtcDateTime);
            return () => logger.ResetRequestFailed(request.Id, exception);
        }

        var retryAt = time.GetUtcNow().UtcDateTime + RetryBackoff.After(request.Attempts, settings.SweepInterval, TimeSpan.MaxValue);
        request.RetryAt = retryAt;
        request.ClaimId = null;
        return () => logger.ResetRequestRetryScheduled(request.Id, request.Attempts, settings.MaxResolveAttempts, retryAt, exception);
    }

    /// <summary>The address has served its purpose; the row keeps only the account id and outcome.</summary>
    private static void Forget(ResetRequest request, string? userId, DateTime now)
    {
        request.UserId = userId;
        request.NormalizedEmail = null;
        request.ProcessedAt = now;
        request.RetryAt = null;
        request.ClaimId = null;
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
