using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RazorReset.Data;
using RazorReset.Infrastructure;

namespace RazorReset.PasswordReset;

/// <summary>
/// Checks a typed code (A4): from the browser that asked (by its pending-reset cookie) or from a
/// native client (by email address). Every try runs the same queries, the same write and the same
/// key derivation whether or not an account or a code is behind it (S4).
/// </summary>
public sealed class ResetCodeRedeemer(
    AppDbContext db,
    UserManager<IdentityUser> users,
    ResetCodeHasher hasher,
    IOptions<PasswordResetOptions> options,
    TimeProvider time,
    ILogger<ResetCodeRedeemer> logger)
{
    private const string NoAccount = "";

    /// <summary>The code mailed for the request this browser made.</summary>
    public async Task<CodeRedemption> RedeemForRequestAsync(long requestId, string? typed, CancellationToken cancellationToken)
    {
        var code = OneTimeCode.Normalize(typed);
        if (code is null || !options.Value.Codes.Enabled) return Refused(CodeRedemption.Wrong);

        if (await CountTryAsync(requestId, cancellationToken) == 0) return Refused(CodeRedemption.UsedUp);
        var row = await FindAsync(requestId, cancellationToken);
        var user = await users.FindByIdAsync(row?.UserId ?? NoAccount);
        return await CheckAsync(row, user, code);
    }

    /// <summary>The newest code mailed to an address; an address without one tries against the no-code row.</summary>
    public async Task<CodeRedemption> RedeemForEmailAsync(string email, string? typed, CancellationToken cancellationToken)
    {
        var code = OneTimeCode.Normalize(typed);
        if (code is null || !options.Value.Codes.Enabled) return Refused(CodeRedemption.Wrong);

        var user = await users.FindByEmailAsync(email);
        var userId = user?.Id ?? NoAccount;
        var requestId = await db.ResetCodes
            .Where(c => c.UserId == userId)
            .OrderByDescending(c => c.RequestId)
            .Select(c => (long?)c.RequestId)
            .FirstOrDefaultAsync(cancellationToken) ?? ResetCode.NoCodeId;

        await CountTryAsync(requestId, cancellationToken);
        var row = await FindAsync(requestId, cancellationToken);
        return await CheckAsync(row, user, code);
    }

    /// <summary>
    /// The try is counted before the code is checked, in one atomic write, so parallel guesses
    /// cannot slip past the limit between a read and a write.
    /// </summary>
    private Task<int> CountTryAsync(long requestId, CancellationToken cancellationToken) =>
        db.WriteAsync(token => db.ResetCodes
            .Where(c => c.RequestId == requestId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Attempts, c => c.Attempts >= 1000 ? 1000 : c.Attempts + 1), token), cancellationToken);

    private Task<ResetCode?> FindAsync(long requestId, CancellationToken cancellationToken) =>
        db.ResetCodes.AsNoTracking().FirstOrDefaultAsync(c => c.RequestId == requestId, cancellationToken);

    private async Task<CodeRedemption> CheckAsync(ResetCode? row, IdentityUser? user, string code)
    {
        var settings = options.Value.Codes;
        var owner = row?.UserId is { } ownerId && ownerId == user?.Id ? user : null;
        var stamp = user is null ? null : await users.GetSecurityStampAsync(user);
        var matches = hasher.Matches(row?.Verifier, code, owner?.Id, stamp);

        if (row is null || row.Attempts > settings.MaxAttempts || row.ExpiresAt <= time.GetUtcNow().UtcDateTime)
        {
            return Refused(CodeRedemption.UsedUp);
        }

        if (!matches || owner is null) return Refused(row.Attempts >= settings.MaxAttempts ? CodeRedemption.UsedUp : CodeRedemption.Wrong);

        // Only wrong tries count against a code: its holder may come back after a refused password.
        await db.WriteAsync(token => db.ResetCodes
            .Where(c => c.RequestId == row.RequestId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Attempts, c => c.Attempts - 1), token), CancellationToken.None);

        var token = await users.GeneratePasswordResetTokenAsync(owner);
        logger.ResetCodeAccepted(owner.Id);
        return new CodeRedemption(new ResetTicket(owner.Id, token), NeedsNewEmail: false);
    }

    private CodeRedemption Refused(CodeRedemption outcome)
    {
        logger.ResetCodeRejected();
        return outcome;
    }
}
