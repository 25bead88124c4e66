using System.Net;
using Microsoft.EntityFrameworkCore;
using RazorReset.Email;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Email;

/// <summary>E6: delivery over real SMTP to maildev, a real server from the npm registry.</summary>
public sealed class SmtpDeliveryTests(MailDevServer maildev) : IClassFixture<MailDevServer>
{
    [Fact] // E1, E3, E6, F3, F4
    public async Task ResetEmail_ReachesARealSmtpServer_AsMultipart_AndItsLinkOpensTheResetPage()
    {
        // Arrange
        await maildev.StartAsync();
        await using var factory = RazorResetFactory.With(maildev.SmtpSettings);
        var email = UserStories.UniqueEmail("smtp");
        await UserStories.CreateUserAsync(factory, email);

        // Act
        using var client = factory.CreateBrowser();
        await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        var message = await maildev.WaitForAsync(email);

        // Assert
        Assert.Equal("Reset your RazorReset password", message.Subject);
        Assert.False(string.IsNullOrWhiteSpace(message.Text));
        Assert.False(string.IsNullOrWhiteSpace(message.Html));
        Assert.Contains("multipart/alternative", await maildev.SourceAsync(message.Id));

        var link = Mailbox.LinkIn(message.Html!, "reset-link");
        using var browser = factory.CreateBrowser();
        using var opened = await browser.GetAsync(NewPasswordPage.PathOf(link));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        ResponseAssert.IsRedirectTo(opened, "/NewPassword");
    }

    [Fact] // E1
    public async Task RequestsMadeWhileSmtpIsDown_AreAllDelivered_OnceItIsBack()
    {
        // Arrange
        await maildev.StartAsync();
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>(maildev.SmtpSettings) { ["Email:MaxAttempts"] = "50" });
        var emails = Enumerable.Range(0, 3).Select(_ => UserStories.UniqueEmail("outage")).ToList();
        foreach (var email in emails) await UserStories.CreateUserAsync(factory, email);
        await maildev.StopAsync();

        // Act: requests while the server is down, at least one failed attempt each
        foreach (var email in emails)
        {
            using var client = factory.CreateBrowser();
            await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        }

        await WaitUntilAsync(() => factory.QueryAsync(db =>
            db.OutboxMessages.CountAsync(m => m.Kind == EmailKinds.ResetLink && m.Attempts > 0)), count => count == emails.Count);
        await maildev.StartAsync();

        // Assert: every one arrives; none lost, none duplicated
        foreach (var email in emails)
        {
            await maildev.WaitForAsync(email);
        }

        await factory.WaitForOutboxDrainedAsync();
        foreach (var email in emails)
        {
            Assert.Single(await maildev.MessagesToAsync(email));
        }
    }

    [Fact] // E1
    public async Task AMessageQueuedBeforeARestart_IsDeliveredAfterIt()
    {
        // Arrange: queued, attempted and failed while the server is down
        await maildev.StartAsync();
        var settings = new Dictionary<string, string?>(maildev.SmtpSettings) { ["Email:MaxAttempts"] = "50" };
        var email = UserStories.UniqueEmail("restart");
        await maildev.StopAsync();
        var before = RazorResetFactory.With(settings);
        await UserStories.CreateUserAsync(before, email);
        using (var client = before.CreateBrowser())
        {
            await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        }

        await WaitUntilAsync(() => before.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Attempts > 0)), count => count >= 1);

        // Act: restart while the server is still down, then bring it back
        await using var after = await before.RestartAsync();
        await maildev.StartAsync();

        // Assert
        var message = await maildev.WaitForAsync(email);
        Assert.Equal("Reset your RazorReset password", message.Subject);
        await after.WaitForOutboxDrainedAsync();
    }

    [Fact] // E1, O4
    public async Task AMessageThatCannotBeDelivered_IsMarkedFailed_AfterTheLastAttempt_AndLoggedWithoutItsLink()
    {
        await maildev.StartAsync();
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>(maildev.SmtpSettings)
        {
            ["Email:Smtp:Port"] = "1", // nothing listens there
            ["Email:MaxAttempts"] = "3",
            ["Email:InitialRetryDelay"] = "00:00:00.050",
        });
        var email = UserStories.UniqueEmail("doomed");
        await UserStories.CreateUserAsync(factory, email);

        using var client = factory.CreateBrowser();
        await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        var failed = await WaitUntilAsync(
            () => factory.QueryAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed).ToListAsync()),
            messages => messages.Count == 1);

        Assert.Equal(3, failed[0].Attempts);
        var failure = Assert.Single(factory.Logs.Lines, l => l.EventId.Id == 2004);
        Assert.DoesNotContain("ResetLink", failure.ToString());
        Assert.DoesNotContain("token=", failure.ToString());
    }

    private static Task<T> WaitUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done) =>
        Eventually.UntilAsync(probe, done, value => $"Condition not met; last value {value}.", TimeSpan.FromSeconds(20));
}
