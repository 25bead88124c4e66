using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RazorReset.Data;
using RazorReset.Email;
using RazorReset.Infrastructure;
using RazorReset.PasswordReset;

namespace RazorReset.Accounts;

/// <summary>
/// Resolves account requests one at a time, each in one commit: the new account (if any), the
/// queued email and the request's outcome are saved together or not at all. A new address gets an
/// account and a confirmation email; an address that has an account gets a notice to its owner
/// (or, on a resend for an unconfirmed account, a fresh confirmation email) within the
/// per-account limit (S6); a resend for an unknown address sends nothing.
/// </summary>
public sealed class AccountRequestHandler(
    AppDbContext db,
    UserManager<IdentityUser> users,
    IUserStore<IdentityUser> store,
    AccountRequestProtector protector,
    Outbox outbox,
    OutboxSignal outboxSignal,
    EmailTemplates templates,
    IOptions<AppOptions> app,
    IOptions<PasswordResetOptions> options,
    TimeProvider time,
    ILogger<AccountRequestHandler> logger)
{
    public async Task<int> HandleBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var pending = await db.AccountRequests
            .Where(r => r.ProcessedAt == null && (r.RetryAt == null || r.RetryAt <= now))
            .OrderBy(r => r.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);

        // The new account is saved with the request's outcome and its email, not on its own.
        if (store is UserOnlyStore<IdentityUser, AppDbContext, string, IdentityUserClaim<string>, IdentityUserLogin<string>, IdentityUserToken<string>> efStore)
        {
            efStore.AutoSaveChanges = false;
        }
        else
        {
            throw new InvalidOperationException($"Account requests need Identity's EF user store; found {store.GetType().Name}.");
        }

        foreach (var request in pending)
        {
            try
            {
                var recordEvent = await HandleAsync(request, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                recordEvent();
                if (request.Outcome is AccountRequestOutcome.ConfirmationQueued or AccountRequestOutcome.NoticeQueued) outboxSignal.Wake();
            }
            catch (DbUpdateConcurrencyException)
            {
                // ProcessedAt is a concurrency token: another instance resolved it first, and sent its mail.
                db.ChangeTracker.Clear();
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                db.ChangeTracker.Clear();
                await RecordFailureAsync(request.Id, exception, cancellationToken);
            }
        }

        return pending.Count;
    }

    private async Task<Action> HandleAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        var content = protector.Unprotect(request.ProtectedContent ?? throw new InvalidOperationException("A pending account request has no content."));
        var user = await users.FindByEmailAsync(content.Email);

        if (user is null && request.Kind == AccountRequestKind.Register)
        {
            user = await CreateAccountAsync(content);
            outbox.Add(templates.ConfirmEmail(user.Email!, await ConfirmationLinkAsync(user)));
            request.Outcome = AccountRequestOutcome.ConfirmationQueued;
        }
        else if (user is null)
        {
            request.Outcome = AccountRequestOutcome.UnknownAccount;
        }
        else if (!await WithinLimitAsync(request, user.Id, cancellationToken))
        {
            request.Outcome = AccountRequestOutcome.Throttled;
        }
        else if (request.Kind == AccountRequestKind.ResendConfirmation && !user.EmailConfirmed)
        {
            outbox.Add(templates.ConfirmEmail(user.Email!, await ConfirmationLinkAsync(user)));
            request.Outcome = AccountRequestOutcome.ConfirmationQueued;
        }
        else
        {
            outbox.Add(templates.AccountExists(user.Email!, app.Value.Link("/Identity/Account/Login"), app.Value.Link("/Forgot")));
            request.Outcome = AccountRequestOutcome.NoticeQueued;
        }

        var userId = user?.Id;
        request.UserId = userId;
        request.ProtectedContent = null;
        request.ProcessedAt = time.GetUtcNow().UtcDateTime;
        return request.Outcome switch
        {
            AccountRequestOutcome.UnknownAccount => () => logger.AccountRequestForUnknownAccount(request.Id),
            AccountRequestOutcome.Throttled => () => logger.AccountRequestThrottled(request.Id, userId!, options.Value.MaxEmailsPerAccountPerHour),
            AccountRequestOutcome.NoticeQueued => () => logger.AccountExistsNoticeQueued(request.Id, userId!),
            _ => () => logger.ConfirmationEmailQueued(request.Id, userId!, request.Kind),
        };
    }

    private async Task<IdentityUser> CreateAccountAsync(AccountRequestContent content)
    {
        var user = new IdentityUser { UserName = content.Email, Email = content.Email, PasswordHash = content.PasswordHash };
        var result = await users.CreateAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The account could not be created: " + string.Join(" ", result.Errors.Select(e => e.Code)));
        }

        return user;
    }

    private async Task<string> ConfirmationLinkAsync(IdentityUser user)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        return app.Value.Link($"/Identity/Account/ConfirmEmail?userId={Uri.EscapeDataString(user.Id)}&code={code}");
    }

    private async Task<bool> WithinLimitAsync(AccountRequest request, string userId, CancellationToken cancellationToken)
    {
        var since = request.RequestedAt - TimeSpan.FromHours(1);
        var sent = await db.AccountRequests.CountAsync(
            r => r.UserId == userId && r.RequestedAt > since &&
                 (r.Outcome == AccountRequestOutcome.ConfirmationQueued || r.Outcome == AccountRequestOutcome.NoticeQueued),
            cancellationToken);
        return sent < options.Value.MaxEmailsPerAccountPerHour;
    }

    /// <summary>A broken request waits and is retried; after the last attempt it is dropped with its content erased.</summary>
    private async Task RecordFailureAsync(long id, Exception exception, CancellationToken cancellationToken)
    {
        var request = await db.AccountRequests.SingleAsync(r => r.Id == id, cancellationToken);
        if (request.ProcessedAt is not null) return;

        var settings = options.Value;
        request.Attempts++;
        if (request.Attempts >= settings.MaxResolveAttempts)
        {
            request.Outcome = AccountRequestOutcome.Failed;
            request.ProtectedContent = null;
            request.ProcessedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            logger.AccountRequestFailed(request.Id, exception);
            return;
        }

        request.RetryAt = time.GetUtcNow().UtcDateTime + RetryBackoff.After(request.Attempts, settings.SweepInterval, TimeSpan.MaxValue);
        await db.SaveChangesAsync(cancellationToken);
        logger.AccountRequestRetryScheduled(request.Id, request.Attempts, settings.MaxResolveAttempts, exception);
    }
}
