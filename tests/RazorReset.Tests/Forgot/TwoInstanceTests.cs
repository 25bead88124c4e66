using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RazorReset.PasswordReset;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Forgot;

public sealed class TwoInstanceTests
{
    [Fact] // F2, S6: two instances on one database resolve each request once — one email, not two
    public async Task TwoInstancesSharingTheDatabase_ResolveEachRequestOnce()
    {
        // Arrange: a backlog of requests both processors see at the same moment
        await using var first = RazorResetFactory.With(new Dictionary<string, string?>());
        await using var second = first.StartSecondInstance();
        var emails = Enumerable.Range(0, 40).Select(i => UserStories.UniqueEmail($"scaled{i}")).ToList();
        foreach (var email in emails) await UserStories.CreateUserAsync(first, email);
        var normalizer = new UpperInvariantLookupNormalizer();
        await first.QueryAsync(db =>
        {
            db.ResetRequests.AddRange(emails.Select(email => new ResetRequest { NormalizedEmail = normalizer.NormalizeEmail(email), RequestedAt = DateTime.UtcNow }));
            return db.SaveChangesAsync();
        });

        // Act
        first.Service<ResetRequestSignal>().Wake();
        second.Service<ResetRequestSignal>().Wake();
        await first.WaitForResetRequestsProcessedAsync(TimeSpan.FromSeconds(30));
        await first.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.All(emails, email => Assert.Single(first.Mailbox.Matching(email, "Reset your")));
        Assert.Equal(40, await first.QueryAsync(db => db.ResetRequests.CountAsync(r => r.Outcome == ResetRequestOutcome.EmailQueued)));
    }
}
