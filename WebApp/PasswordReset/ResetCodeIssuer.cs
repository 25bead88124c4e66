using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RazorReset.Data;

namespace RazorReset.PasswordReset;

/// <summary>
/// Gives each resolved reset request its code row, saved with the request's batch: a real code for
/// a mailed request, a decoy for every other (A4, S4). Only the newest code of an account is live.
/// </summary>
public sealed class ResetCodeIssuer(
    AppDbContext db,
    UserManager<IdentityUser> users,
    ResetCodeHasher hasher,
    IOptions<PasswordResetOptions> options,
    TimeProvider time)
{
    /// <summary>The code to put in the email, or null when codes are turned off.</summary>
    public async Task<string?> IssueAsync(IdentityUser user, long requestId, CancellationToken cancellationToken)
    {
        if (!options.Value.Codes.Enabled) return null;

        var stamp = await users.GetSecurityStampAsync(user) ?? "";
        var older = await db.ResetCodes.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken);
        // A newer email supersedes the older codes: they become decoys, tries and expiry kept.
        foreach (var superseded in older.Concat(db.ResetCodes.Local.Where(c => c.UserId == user.Id)).ToList())
        {
            superseded.UserId = null;
            superseded.Verifier = null;
        }

        var code = OneTimeCode.Generate();
        db.ResetCodes.Add(new ResetCode
        {
            RequestId = requestId,
            UserId = user.Id,
            Verifier = hasher.CreateVerifier(code, user.Id, stamp),
            ExpiresAt = ExpiresAt(),
        });
        return code;
    }

    /// <summary>A request that mailed nothing still gets a row with tries and an expiry, so its browser cannot tell.</summary>
    public void AddDecoy(long requestId)
    {
        if (!options.Value.Codes.Enabled) return;
        db.ResetCodes.Add(new ResetCode { RequestId = requestId, ExpiresAt = ExpiresAt() });
    }

    /// <summary>
    /// The decoys of many requests in one statement (a batch's unknown addresses), saved in the
    /// transaction it runs in: one tracked insert each held the write gate for longer than the
    /// rest of the batch (P2). The ids are the requests' own keys, numbers, written into the statement.
    /// </summary>
    public async Task AddDecoysAsync(IReadOnlyList<long> requestIds, CancellationToken cancellationToken)
    {
        if (!options.Value.Codes.Enabled || requestIds.Count == 0) return;

        var rows = string.Join(", ", requestIds.Select(id => string.Create(CultureInfo.InvariantCulture, $"({id}, 0, {{0}})")));
        var insert = "INSERT INTO \"ResetCodes\" (\"RequestId\", \"Attempts\", \"ExpiresAt\") VALUES " + rows;
        var inserted = await db.Database.ExecuteSqlRawAsync(insert, [ExpiresAt()], cancellationToken);
        if (inserted != requestIds.Count) throw new DbUpdateException($"{inserted} of {requestIds.Count} decoy codes were written.");
    }

    private DateTime ExpiresAt() => time.GetUtcNow().UtcDateTime + options.Value.TokenLifespan;
}
