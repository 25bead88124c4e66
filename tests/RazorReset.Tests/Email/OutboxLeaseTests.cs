using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.Email;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Email;

public sealed class OutboxLeaseTests
{
    [Fact] // E1: two instances on one database deliver every message exactly once
    public async Task TwoInstancesSharingTheDatabase_SendEachMessageOnce()
    {
        // Arrange: a backlog both senders see at the same moment
        await using var first = RazorResetFactory.With(new Dictionary<string, string?>());
        await using var second = first.StartSecondInstance();
        var to = UserStories.UniqueEmail("shared");
        await QueueAsync(first, Enumerable.Range(0, 300).Select(i => Message(to, $"Message {i:000}")));

        // Act
        first.Service<OutboxSignal>().Wake();
        second.Service<OutboxSignal>().Wake();
        await first.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(60));

        // Assert
        var subjects = first.Mailbox.To(to).Select(m => m.Subject).ToList();
        Assert.Equal(300, subjects.Count);
        Assert.Equal(300, subjects.Distinct().Count());
    }

    [Fact] // E1: a claim left by an instance that died lapses, and the message is still sent
    public async Task AMessageClaimedByAnInstanceThatDied_IsSentOnceTheClaimLapses()
    {
        // Arrange: a claim whose lease has run out, as a crash mid-send leaves it
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>());
        var to = UserStories.UniqueEmail("orphan");
        await QueueAsync(factory, [Message(to, "Left behind")]);
        await factory.QueryAsync(db => db.OutboxMessages.ExecuteUpdateAsync(set => set
            .SetProperty(m => m.LeaseId, Guid.NewGuid())
            .SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));

        // Act
        factory.Service<OutboxSignal>().Wake();

        // Assert
        await factory.Mailbox.WaitForAsync(to, "Left behind");
        await factory.WaitForOutboxDrainedAsync();
    }

    private static EmailMessage Message(string to, string subject) =>
        new(EmailKinds.PasswordChanged, to, subject, "text", "<p>html</p>");

    /// <summary>Straight into the table, in one transaction, without waking anybody.</summary>
    private static async Task QueueAsync(RazorResetFactory factory, IEnumerable<EmailMessage> messages)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        foreach (var message in messages) outbox.Add(message);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
    }
}
