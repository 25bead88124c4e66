using Microsoft.AspNetCore.Identity;
using RazorReset.Data;
using RazorReset.Infrastructure;

namespace RazorReset.PasswordReset;

public sealed class ResetRequestSignal : WorkSignal;

/// <summary>
/// The only thing a Forgot submission does (F2): one insert, the same for every address, then a
/// wake-up for the processor. Whether the account exists is decided later, off the request path.
/// </summary>
public sealed class ResetRequests(
    AppDbContext db,
    ILookupNormalizer normalizer,
    ResetRequestSignal signal,
    TimeProvider time,
    ILogger<ResetRequests> logger)
{
    public async Task RecordAsync(string email, CancellationToken cancellationToken)
    {
        var request = new ResetRequest
        {
            NormalizedEmail = normalizer.NormalizeEmail(email.Trim()),
            RequestedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ResetRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        logger.ResetRequested(request.Id);
    }
}
