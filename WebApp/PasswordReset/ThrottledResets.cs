using Microsoft.EntityFrameworkCore;
using RazorReset.Data;

namespace RazorReset.PasswordReset;

/// <summary>
/// For the developer's eyes only (/dev/mail): which accounts' reset requests the per-account
/// limit (S6) dropped in the last hour. Visitors are never told, or the limit would be an oracle.
/// </summary>
public sealed class ThrottledResets(AppDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<ThrottledAccount>> LastHourAsync(CancellationToken cancellationToken = default)
    {
        var since = time.GetUtcNow().UtcDateTime.AddHours(-1);
        var dropped = await db.ResetRequests
            .Where(r => r.Outcome == ResetRequestOutcome.Throttled && r.RequestedAt >= since && r.UserId != null)
            .GroupBy(r => r.UserId!)
            .Select(g => new { UserId = g.Key, Count = g.Count(), Latest = g.Max(r => r.RequestedAt) })
            .ToListAsync(cancellationToken);
        var ids = dropped.Select(d => d.UserId).ToList();
        var emails = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        return dropped
            .Select(d => new ThrottledAccount(emails.GetValueOrDefault(d.UserId) ?? d.UserId, d.Count, d.Latest))
            .OrderByDescending(a => a.Latest)
            .ToList();
    }
}
