using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
        var retryAfter = int.Parse(Assert.Single(rejected.Headers.GetValues("Retry-After")));
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
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>
        {
            ["PasswordReset:MaxResolveAttempts"] = "2",
            ["PasswordReset:SweepInterval"] = "00:00:00.200",
        });
        var broken = UserStories.UniqueEmail("broken");
        var healthy = UserStories.UniqueEmail("healthy");
        await UserStories.CreateUserAsync(factory, broken);
        await UserStories.CreateUserAsync(factory, healthy);
        await factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE AspNetUsers SET SecurityStamp = NULL WHERE Email = {broken}"));

        // Act
        foreach (var email in new[] { broken, healthy })
        {
            using var client = factory.CreateBrowser();
            await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        }

        await factory.Mailbox.WaitForAsync(healthy, "Reset your");
        await factory.WaitForResetRequestsProcessedAsync();

        // Assert
        Assert.Empty(factory.Mailbox.To(broken));
        var dropped = await factory.QueryAsync(db => db.ResetRequests.SingleAsync(r => r.Outcome == ResetRequestOutcome.Failed));
        Assert.Equal(2, dropped.Attempts);
        Assert.Null(dropped.NormalizedEmail);
        Assert.Single(factory.Logs.Lines, l => l.EventId.Id == 1012); // the retry
        Assert.Single(factory.Logs.Lines, l => l.EventId.Id == 1010); // the drop
    }

    [Fact] // F2, E1: a passing fault does not lose the email — the request is tried again
    public async Task ARequestThatFailsOnce_IsRetried_AndItsEmailIsSent()
    {
        // Arrange: the account is broken when the request is first resolved…
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["PasswordReset:SweepInterval"] = "00:00:01" });
        var email = UserStories.UniqueEmail("flaky");
        await UserStories.CreateUserAsync(factory, email);
        await factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE AspNetUsers SET SecurityStamp = NULL WHERE Email = {email}"));
        using var client = factory.CreateBrowser();
        await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        await Eventually.UntilAsync(
            () => factory.QueryAsync(db => db.ResetRequests.Select(r => r.Attempts).SingleAsync()),
            attempts => attempts == 1,
            attempts => $"The request was tried {attempts} times.",
            TimeSpan.FromSeconds(10));

        // Act: …and repaired before the retry
        await factory.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE AspNetUsers SET SecurityStamp = 'REPAIRED' WHERE Email = {email}"));

        // Assert
        var message = await factory.Mailbox.WaitForAsync(email, "Reset your");
        var page = await NewPasswordPage.OpenFromLinkAsync(factory.CreateBrowser(), Mailbox.LinkIn(message.Html, "reset-link"));
        Assert.NotNull(page.Form);
        Assert.Equal(ResetRequestOutcome.EmailQueued, await factory.QueryAsync(db => db.ResetRequests.Select(r => r.Outcome).SingleAsync()));
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
}
