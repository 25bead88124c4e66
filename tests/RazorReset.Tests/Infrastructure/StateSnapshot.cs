using Microsoft.EntityFrameworkCore;

namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// What a request must not change unless it is the one legitimate, fully authorised submission:
/// every account's credentials and flags, the recorded reset and account requests and the queued mail (S3, S9).
/// </summary>
public sealed record StateSnapshot(string Users, int ResetRequests, int AccountRequests, int OutboxMessages, int UserTokens, int UserLogins)
{
    public static Task<StateSnapshot> TakeAsync(RazorResetFactory factory) => factory.QueryAsync(async db =>
    {
        var users = await db.Users.OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.Email, u.PasswordHash, u.SecurityStamp, u.ConcurrencyStamp, u.EmailConfirmed, u.LockoutEnd, u.AccessFailedCount, u.TwoFactorEnabled })
            .ToListAsync();
        return new StateSnapshot(
            string.Join(Environment.NewLine, users),
            await db.ResetRequests.CountAsync(),
            await db.AccountRequests.CountAsync(),
            await db.OutboxMessages.CountAsync(),
            await db.UserTokens.CountAsync(),
            await db.UserLogins.CountAsync());
    });
}
