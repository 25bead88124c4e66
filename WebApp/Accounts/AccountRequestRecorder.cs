using Microsoft.AspNetCore.Identity;
using RazorReset.Data;
using RazorReset.Infrastructure;

namespace RazorReset.Accounts;

/// <summary>
/// All that a register or resend-confirmation submission does (S4): the same work for every
/// address — a password hash when registering, one insert, a wake-up for the processor. Whether
/// the address has an account is decided later, off the request path, as for Forgot (F2).
/// </summary>
public sealed class AccountRequestRecorder(
    AppDbContext db,
    IPasswordHasher<IdentityUser> hasher,
    AccountRequestProtector protector,
    AccountRequestSignal signal,
    TimeProvider time,
    ILogger<AccountRequestRecorder> logger)
{
    public Task RegisterAsync(string email, string password)
    {
        var hash = hasher.HashPassword(new IdentityUser { UserName = email, Email = email }, password);
        return RecordAsync(AccountRequestKind.Register, new AccountRequestContent(email, hash));
    }

    public Task ResendConfirmationAsync(string email) =>
        RecordAsync(AccountRequestKind.ResendConfirmation, new AccountRequestContent(email, PasswordHash: null));

    /// <summary>Not cancellable: once accepted, a request is written even if its client has gone.</summary>
    private async Task RecordAsync(AccountRequestKind kind, AccountRequestContent content)
    {
        var request = new AccountRequest
        {
            Kind = kind,
            ProtectedContent = protector.Protect(content),
            RequestedAt = time.GetUtcNow().UtcDateTime,
        };
        db.AccountRequests.Add(request);
        await db.SaveChangesAsync(CancellationToken.None);
        signal.Wake();
        logger.AccountRequested(request.Id, kind);
    }
}
