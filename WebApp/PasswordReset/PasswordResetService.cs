using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RazorReset.Email;
using RazorReset.Infrastructure;

namespace RazorReset.PasswordReset;

public enum ResetStatus
{
    Succeeded,
    InvalidLink,
    PasswordRejected,
}

public sealed record ResetResult(ResetStatus Status, IReadOnlyList<string> PasswordProblems)
{
    public static readonly ResetResult Succeeded = new(ResetStatus.Succeeded, []);
    public static readonly ResetResult InvalidLink = new(ResetStatus.InvalidLink, []);
}

/// <summary>Checks links read-only (F4, S9) and completes resets (F5, F6, S2).</summary>
public sealed class PasswordResetService(
    UserManager<IdentityUser> users,
    PasswordPolicy policy,
    Outbox outbox,
    EmailTemplates templates,
    IOptions<AppOptions> app,
    TimeProvider time,
    ILogger<PasswordResetService> logger)
{
    /// <summary>The ticket for a valid link, or null. Reads only: a prefetching mail scanner changes nothing.</summary>
    public async Task<ResetTicket?> VerifyLinkAsync(string? userId, string? urlToken)
    {
        var token = ResetLinks.TokenFromUrl(urlToken);
        var ticket = token is null || string.IsNullOrEmpty(userId) ? null : new ResetTicket(userId, token);
        return ticket is not null && await IsValidAsync(ticket) ? ticket : null;
    }

    /// <summary>Whether the ticket could still reset the password right now; read-only.</summary>
    public async Task<bool> IsValidAsync(ResetTicket ticket)
    {
        var user = ticket.UserId.Length > 450 ? null : await users.FindByIdAsync(ticket.UserId);
        if (user is not null && await users.VerifyUserTokenAsync(user, ResetTokenProvider.ProviderName, UserManager<IdentityUser>.ResetPasswordTokenPurpose, ticket.Token))
        {
            return true;
        }

        logger.ResetLinkInvalid();
        return false;
    }

    /// <summary>What the policy (S10) says about a password for the ticket's account, without resetting anything.</summary>
    public async Task<IReadOnlyList<string>> PasswordProblemsAsync(ResetTicket ticket, string? password)
    {
        if (string.IsNullOrEmpty(password)) return [];
        var user = ticket.UserId.Length > 450 ? null : await users.FindByIdAsync(ticket.UserId);
        return user is null ? [] : policy.Check(password, user.Email, user.UserName);
    }

    public async Task<ResetResult> ResetAsync(ResetTicket ticket, string password)
    {
        var user = await users.FindByIdAsync(ticket.UserId);
        if (user is null)
        {
            logger.ResetLinkInvalid();
            return ResetResult.InvalidLink;
        }

        // Rotates the security stamp: every other link and every other session dies (S2). A racing
        // second request fails on the stamp or on the concurrency stamp, never with a 500 (F6).
        var result = await users.ResetPasswordAsync(user, ticket.Token, password);
        if (!result.Succeeded)
        {
            var describer = users.ErrorDescriber;
            if (result.Errors.Any(e => e.Code == describer.InvalidToken().Code || e.Code == describer.ConcurrencyFailure().Code))
            {
                logger.ResetLinkInvalid();
                return ResetResult.InvalidLink;
            }

            return new ResetResult(ResetStatus.PasswordRejected, result.Errors.Select(e => e.Description).ToArray());
        }

        // Following the emailed link proved the address is theirs; a locked-out owner gets back in.
        user.EmailConfirmed = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await users.UpdateAsync(user);

        await outbox.QueueAsync(templates.PasswordChanged(user.Email!, time.GetUtcNow(), app.Value.Link("Forgot")));
        logger.PasswordReset(user.Id);
        return ResetResult.Succeeded;
    }
}
