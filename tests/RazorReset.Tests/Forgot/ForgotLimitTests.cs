using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RazorReset.PasswordReset;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Forgot;

public sealed class ForgotLimitTests
{
    [Fact] // S5, U3
    public async Task ForgotPost_BeyondThePerIpLimit_Is429_WithRetryAfter_AndAReadablePage()
    {
        // Arrange
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "3" });
        using var client = factory.CreateBrowser();
        var page = await ForgotPage.VisitAsync(client);

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var accepted = await page.PostAsync(UserStories.UniqueEmail());
            statuses.Add(accepted.StatusCode);
        }

        using var rejected = await page.PostAsync(UserStories.UniqueEmail());
        using var stillReadable = await client.GetAsync("/Forgot");

        // Assert
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Found, s));
        var document = await ResponseAssert.IsHtmlDocumentAsync(rejected, HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(Assert.Single(rejected.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 600);
        Assert.Contains("Please wait", HtmlAssert.HasElement(document, "status-429").TextContent);
        Assert.Equal(HttpStatusCode.OK, stillReadable.StatusCode); // GET is not limited
        Assert.Equal(3, await factory.QueryAsync(db => Task.FromResult(db.ResetRequests.Count()))); // the rejected POST recorded nothing
    }

    [Fact] // S5: X-Forwarded-For is believed from configured proxies only
    public async Task ASpoofedForwardedFor_DoesNotBuyMoreAttempts()
    {
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "2" });
        using var client = factory.CreateBrowser();
        var page = await ForgotPage.VisitAsync(client);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await page.PostAsync(UserStories.UniqueEmail());
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Found, HttpStatusCode.Found, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact] // F2, O4: one account that cannot be served does not hold back the others, and is given up in the end
    public async Task ARequestThatCannotBeResolved_IsRetried_ThenDroppedAndLogged_AndTheRestAreServed()
    {
        // Arrange: an account whose security stamp is missing makes token creation throw
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = RazorResetFactory.WithClock(clock, new Dictionary<string, string?> { ["PasswordReset:MaxResolveAttempts"] = "2" });
        var backoff = factory.Service<IOptions<PasswordResetOptions>>().Value.SweepInterval;
        var broken = UserStories.UniqueEmail("broken");
        var healthy = UserStories.UniqueEmail("healthy");
        await UserStories.CreateUserAsync(factory, broken);
        await UserStories.CreateUserAsync(factory, healthy);
        await factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE AspNetUsers SET SecurityStamp = NULL WHERE Email = {broken}"));

        // Act: the first attempt fails and schedules a retry one backoff later on the app's clock…
        await SendForgotAsync(factory, broken);
        await SendForgotAsync(factory, healthy);
        await factory.Mailbox.WaitForAsync(healthy, "Reset your");
        var retrying = await WaitForAttemptsAsync(factory, 1);
        Assert.Equal(clock.GetUtcNow().UtcDateTime + backoff, retrying.RetryAt);

        // …is not tried again before then, while later requests are served…
        var afterwards = UserStories.UniqueEmail("afterwards");
        await UserStories.CreateUserAsync(factory, afterwards);
        await SendForgotAsync(factory, afterwards);
        await factory.Mailbox.WaitForAsync(afterwards, "Reset your");
        Assert.Equal(1, (await WaitForAttemptsAsync(factory, 1)).Attempts);

        // …and is dropped after the last attempt
        clock.Advance(backoff);
        factory.Service<ResetRequestSignal>().Wake();
        var dropped = await Eventually.UntilAsync(
            () => factory.QueryAsync(db => db.ResetRequests.SingleAsync(r => r.Id == retrying.Id)),
            r => r.Outcome == ResetRequestOutcome.Failed,
            r => $"The request is {r.Outcome} after {r.Attempts} attempts.",
            TimeSpan.FromSeconds(15));

        // Assert
        Assert.Equal(2, dropped.Attempts);
        Assert.Null(dropped.NormalizedEmail);
        Assert.Empty(factory.Mailbox.To(broken));
        var events = await Eventually.UntilAsync( // logged once the batch is committed, a moment after the row
            () => Task.FromResult(factory.Logs.Lines.Where(l => l.Category == typeof(ResetRequestHandler).FullName).Select(l => l.EventId.Id).ToList()),
            ids => ids.Contains(1010),
            ids => $"Logged {string.Join(", ", ids)}; the drop (1010) is missing.",
            TimeSpan.FromSeconds(15));
        Assert.Single(events, id => id == 1012); // the retry
        Assert.Single(events, id => id == 1010); // the drop
    }

    [Fact] // F2, E1: a passing fault does not lose the email — the request is tried again
    public async Task ARequestThatFailsOnce_IsRetried_AndItsEmailIsSent()
    {
        // Arrange: the account is broken when the request is first resolved…
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = RazorResetFactory.WithClock(clock);
        var email = UserStories.UniqueEmail("flaky");
        await UserStories.CreateUserAsync(factory, email);
        await factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE AspNetUsers SET SecurityStamp = NULL WHERE Email = {email}"));
        await SendForgotAsync(factory, email);
        var retrying = await WaitForAttemptsAsync(factory, 1);

        // Act: …and repaired before the retry is due
        await factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE AspNetUsers SET SecurityStamp = 'REPAIRED' WHERE Email = {email}"));
        clock.Advance(retrying.RetryAt!.Value - clock.GetUtcNow().UtcDateTime);
        factory.Service<ResetRequestSignal>().Wake();

        // Assert
        var message = await factory.Mailbox.WaitForAsync(email, "Reset your");
        var page = await NewPasswordPage.OpenFromLinkAsync(factory.CreateBrowser(), Mailbox.LinkIn(message.Html, "reset-link"));
        Assert.NotNull(page.Form);
        await factory.WaitForResetRequestsProcessedAsync();
        Assert.Equal(ResetRequestOutcome.EmailQueued, await factory.QueryAsync(db => db.ResetRequests.Select(r => r.Outcome).SingleAsync()));
    }

    [Fact] // S6: the window is a rolling hour on the app's clock
    public async Task PerAccountLimit_LetsTheNextEmailThrough_OnlyOnceTheHourHasPassed()
    {
        // Arrange: the cap reached
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = RazorResetFactory.WithClock(clock);
        var email = UserStories.UniqueEmail("window");
        await UserStories.CreateUserAsync(factory, email);
        for (var i = 1; i <= 3; i++) await UserStories.RequestResetLinkAsync(factory, email, i);

        // Act
        clock.Advance(TimeSpan.FromMinutes(59));
        await SendForgotAsync(factory, email);
        await factory.WaitForResetRequestsProcessedAsync();
        var throttledWithinTheHour = await factory.QueryAsync(db => db.ResetRequests.CountAsync(r => r.Outcome == ResetRequestOutcome.Throttled));
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var fourth = await UserStories.RequestResetLinkAsync(factory, email, 4);

        // Assert
        Assert.Equal(1, throttledWithinTheHour);
        Assert.NotNull((await NewPasswordPage.OpenFromLinkAsync(factory.CreateBrowser(), fourth)).Form);
    }

    [Fact] // S6
    public async Task PerAccountLimit_CapsResetEmailsAtThreePerHour_AcrossARestart()
    {
        // Arrange
        var email = UserStories.UniqueEmail("capped");
        var first = RazorResetFactory.With(new Dictionary<string, string?>());
        await UserStories.CreateUserAsync(first, email);

        // Act: four requests before the restart…
        for (var i = 1; i <= 3; i++) await UserStories.RequestResetLinkAsync(first, email, i);
        using (var client = first.CreateBrowser())
        {
            await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        }

        await first.WaitForResetRequestsProcessedAsync();

        // …and three after it, on the same database
        await using var second = await first.RestartAsync();
        for (var i = 0; i < 3; i++)
        {
            using var client = second.CreateBrowser();
            await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        }

        await second.WaitForResetRequestsProcessedAsync();
        await second.WaitForOutboxDrainedAsync();

        // Assert
        Assert.Equal(3, second.Mailbox.Matching(email, "Reset your").Count);
        var throttled = await second.QueryAsync(db => Task.FromResult(db.ResetRequests.Count(r => r.Outcome == RazorReset.PasswordReset.ResetRequestOutcome.Throttled)));
        Assert.Equal(4, throttled);
        Assert.Contains(second.Logs.Lines, l => l.EventId.Id == 1003); // O4: recorded as a security event
    }

    [Fact] // S6, F2: the processor commits per batch, so the limit must count the batch's own emails
    public async Task PerAccountLimit_Holds_WhenOneBatchResolvesManyRequestsForTheSameAccount()
    {
        // Arrange
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>());
        var email = UserStories.UniqueEmail("batched");
        await UserStories.CreateUserAsync(factory, email);
        var normalized = new UpperInvariantLookupNormalizer().NormalizeEmail(email);

        // Act: six requests committed together, so one processor batch sees all of them
        await factory.QueryAsync(async db =>
        {
            db.ResetRequests.AddRange(Enumerable.Range(0, 6).Select(_ => new ResetRequest { NormalizedEmail = normalized, RequestedAt = DateTime.UtcNow }));
            return await db.SaveChangesAsync();
        });
        factory.Service<ResetRequestSignal>().Wake();
        await factory.WaitForResetRequestsProcessedAsync();
        await factory.WaitForOutboxDrainedAsync();

        // Assert
        Assert.Equal(3, factory.Mailbox.Matching(email, "Reset your").Count);
        Assert.Equal(3, await factory.QueryAsync(db => Task.FromResult(db.ResetRequests.Count(r => r.Outcome == ResetRequestOutcome.Throttled))));
    }

    private static async Task SendForgotAsync(RazorResetFactory factory, string email)
    {
        using var client = factory.CreateBrowser();
        await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
    }

    /// <summary>The one request that has failed so far, once it has been tried that many times.</summary>
    private static Task<ResetRequest> WaitForAttemptsAsync(RazorResetFactory factory, int attempts) => Eventually.UntilAsync(
        () => factory.QueryAsync(db => db.ResetRequests.Where(r => r.Attempts > 0).OrderBy(r => r.Id).FirstOrDefaultAsync()),
        r => r?.Attempts == attempts,
        r => $"The failing request was tried {r?.Attempts ?? 0} times, not {attempts}.",
        TimeSpan.FromSeconds(15))!;
}
