using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Email;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Email;

/// <summary>E1: an SMTP server of this class's own, stopped and started again to make outages.</summary>
public sealed class SmtpOutageTests(Smtp4devServer smtp4dev) : IClassFixture<Smtp4devServer>
{
    /// <summary>Retries every 50–200 ms: each minute of the defaults (2 s doubling, capped at 1 min) passes in milliseconds.</summary>
    private IDictionary<string, string?> FastRetries => new Dictionary<string, string?>(smtp4dev.SmtpSettings)
    {
        ["Email:InitialRetryDelay"] = "00:00:00.050",
        ["Email:MaxRetryDelay"] = "00:00:00.200",
    };

    [Fact] // E1: the old budget was 6 attempts (about a minute); an outage far past it loses nothing
    public async Task AnOutageLongerThanSixAttempts_LosesNoResetEmail_AndDuplicatesNone()
    {
        // Arrange
        await smtp4dev.StartAsync();
        await using var factory = RazorResetFactory.With(FastRetries);
        var emails = Enumerable.Range(0, 3).Select(_ => UserStories.UniqueEmail("outage")).ToList();
        foreach (var email in emails) await UserStories.CreateUserAsync(factory, email);
        await smtp4dev.StopAsync();

        // Act: requests while the server is down, each tried many more times than the old budget allowed
        foreach (var email in emails)
        {
            using var client = factory.CreateBrowser();
            await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        }

        await WaitUntilAsync(
            () => factory.QueryAsync(db => db.OutboxMessages.Where(m => m.Kind == EmailKinds.ResetLink).Select(m => m.Attempts).ToListAsync()),
            attempts => attempts.Count == emails.Count && attempts.All(a => a >= 20));
        Assert.Equal(0, await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed)));
        await smtp4dev.StartAsync();

        // Assert: every one arrives once
        foreach (var email in emails) await smtp4dev.WaitForAsync(email);
        await factory.WaitForOutboxDrainedAsync();
        foreach (var email in emails) Assert.Single(await smtp4dev.MessagesToAsync(email));
    }

    [Fact] // E1
    public async Task AMessageQueuedBeforeARestart_IsDeliveredAfterIt()
    {
        // Arrange: queued, attempted and failed while the server is down
        await smtp4dev.StopAsync();
        var email = UserStories.UniqueEmail("restart");
        var before = RazorResetFactory.With(FastRetries);
        await UserStories.CreateUserAsync(before, email);
        using (var client = before.CreateBrowser())
        {
            await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        }

        await WaitUntilAsync(() => before.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Attempts > 0)), count => count >= 1);

        // Act: restart while the server is still down, then bring it back
        await using var after = await before.RestartAsync();
        await smtp4dev.StartAsync();

        // Assert
        var message = await smtp4dev.WaitForAsync(email);
        Assert.Equal("Reset your RazorReset password", message.Subject);
        await after.WaitForOutboxDrainedAsync();
    }

    [Fact] // E1, O4: a reset email is retried until its link expires, then dropped and logged without its link
    public async Task AResetEmailThatCannotBeDelivered_IsDroppedWhenItsLinkExpires_AndLoggedWithoutItsLink()
    {
        // Arrange: nothing listens on port 1; links live 3 seconds
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>(FastRetries)
        {
            ["Email:Smtp:Port"] = "1",
            ["PasswordReset:TokenLifespan"] = "00:00:03",
        });
        var email = UserStories.UniqueEmail("doomed");
        await UserStories.CreateUserAsync(factory, email);
        var requestedAt = DateTime.UtcNow;

        // Act
        using var client = factory.CreateBrowser();
        await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        var failed = await WaitUntilAsync(
            () => factory.QueryAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed).ToListAsync()),
            messages => messages.Count == 1);

        // Assert: tried for as long as the link lived (not less), then given up
        Assert.True(DateTime.UtcNow - requestedAt >= TimeSpan.FromSeconds(2.5), "Dropped before the link expired.");
        Assert.True(failed[0].Attempts >= 5, $"Only {failed[0].Attempts} attempts.");
        var dropped = Assert.Single(factory.Logs.Lines, l => l.EventId.Id == 2004);
        Assert.DoesNotContain("ResetLink", dropped.ToString());
        Assert.DoesNotContain("token=", dropped.ToString());
    }

    [Fact] // E1: other mail is retried for Email:RetryFor
    public async Task OtherMail_IsRetriedForEmailRetryFor_ThenDropped()
    {
        // Arrange
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>(FastRetries)
        {
            ["Email:Smtp:Port"] = "1",
            ["Email:RetryFor"] = "00:00:02",
            ["PasswordReset:TokenLifespan"] = "1.00:00:00",
        });
        var queuedAt = DateTime.UtcNow;

        // Act
        await QueueAsync(factory, new EmailMessage(EmailKinds.PasswordChanged, UserStories.UniqueEmail("notice"), "Notice", "text", "<p>html</p>"));
        var failed = await WaitUntilAsync(
            () => factory.QueryAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed).ToListAsync()),
            messages => messages.Count == 1);

        // Assert
        Assert.InRange(DateTime.UtcNow - queuedAt, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
        Assert.True(failed[0].Attempts >= 5, $"Only {failed[0].Attempts} attempts.");
    }

    private static async Task QueueAsync(RazorResetFactory factory, EmailMessage message)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Outbox>().QueueAsync(message);
    }

    private static Task<T> WaitUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done) =>
        Eventually.UntilAsync(probe, done, value => $"Condition not met; last value {value}.", TimeSpan.FromSeconds(30));
}
