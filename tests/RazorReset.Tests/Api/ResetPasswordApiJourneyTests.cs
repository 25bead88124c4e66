using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.PasswordReset;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Api;

public sealed class ResetPasswordApiJourneyTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // A1, A2, F5
    public async Task Api_ResetsThePassword_FromTheEmailedLink_AndTheNewOneSignsIn()
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-journey");
        await UserStories.CreateUserAsync(factory, email);
        using var app = new ResetPasswordApiClient(factory);

        // Act
        using var accepted = await app.SendLinkAsync(email);
        var message = await factory.Mailbox.WaitForAsync(email, "Reset your");
        var link = EmailedLink.Parse(Mailbox.LinkIn(message.Html, "reset-link"));
        using var reset = await app.ResetAsync(link, UserStories.NewPassword);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        ApiAssert.HasSecurityHeaders(reset);
        Assert.False(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
    }

    [Fact] // A2, S11: neither the token (in either encoding) nor the password reaches any log line
    public async Task Api_Reset_LogsNoTokenAndNoPassword_EvenForARequestThatFails()
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-logs");
        await UserStories.CreateUserAsync(factory, email);
        using var app = new ResetPasswordApiClient(factory);
        var link = await app.RequestLinkAsync(email);

        // Act
        using var malformed = await app.Http.PatchAsync(ResetPasswordApiClient.Route, new StringContent(
            $$"""{"userId":"{{link.UserId}}","token":"{{link.Token}}","password":"{{UserStories.NewPassword}}" """, Encoding.UTF8, "application/json"));
        using var rejected = await app.ResetAsync(link, "elevenchars");
        using var reset = await app.ResetAsync(link, UserStories.NewPassword);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Contains(factory.Logs.Lines, line => line.EventId.Id == 1007); // the reset itself was logged (O4)
        var secrets = new[] { link.Token, ResetLinks.TokenFromUrl(link.Token)!, UserStories.NewPassword, "elevenchars" };
        foreach (var line in factory.Logs.Lines.Select(l => l.ToString()))
        {
            Assert.DoesNotContain(secrets, secret => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact] // A1, S4, F2
    public async Task Api_SendLink_AnswersIdentically_ForUnknownAndExistingAddresses()
    {
        // Arrange
        var existing = UserStories.UniqueEmail("api-exists");
        await UserStories.CreateUserAsync(factory, existing);
        using var app = new ResetPasswordApiClient(factory);

        // Act
        using var forExisting = await app.SendLinkAsync(existing);
        using var forUnknown = await app.SendLinkAsync(UserStories.UniqueEmail("api-nobody"));

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, forExisting.StatusCode);
        Assert.Equal(forExisting.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forExisting.Content.ReadAsByteArrayAsync(), await forUnknown.Content.ReadAsByteArrayAsync());
        Assert.Equal(HeaderNames(forExisting), HeaderNames(forUnknown));
        using var body = JsonDocument.Parse(await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal("accepted", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(
            "If an account exists for that address, we have sent a link. It expires in 30 minutes.",
            body.RootElement.GetProperty("message").GetString());
    }

    [Fact] // A2, F5, S2: the same effects as the page flow
    public async Task Api_Reset_RotatesTheStamp_ClearsLockout_ConfirmsTheEmail_NotifiesTheOwner_AndSignsNobodyIn()
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-effects");
        var user = await UserStories.CreateUserAsync(factory, email, confirmed: false);
        string stampBefore;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            await users.SetLockoutEndDateAsync(stored, DateTimeOffset.UtcNow.AddHours(1));
            await users.AccessFailedAsync(stored);
            stampBefore = stored.SecurityStamp!;
        }

        using var app = new ResetPasswordApiClient(factory);
        var first = await app.RequestLinkAsync(email);
        var second = await app.RequestLinkAsync(email, nth: 2);

        // Act
        using var reset = await app.ResetAsync(second, UserStories.NewPassword);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.False(reset.Headers.Contains("Set-Cookie"));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
            Assert.NotEqual(stampBefore, stored.SecurityStamp);
            Assert.Null(stored.LockoutEnd);
            Assert.Equal(0, stored.AccessFailedCount);
            Assert.True(stored.EmailConfirmed);
        }

        await factory.Mailbox.WaitForAsync(email, "password was changed");
        using var earlierLink = await app.ResetAsync(first, "yet another sequence of quiet words");
        var problem = await ResponseAssert.IsProblemAsync(earlierLink, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_or_expired_token", problem.GetProperty("code").GetString());
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
    }

    [Fact] // A3, S6, F2: one pipeline, so one per-account limit across the API and the page
    public async Task Api_AndForgotPage_ShareThePerAccountLimit()
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-limit");
        var user = await UserStories.CreateUserAsync(factory, email);
        using var app = new ResetPasswordApiClient(factory);

        // Act
        (await app.SendLinkAsync(email)).Dispose();
        (await app.SendLinkAsync(email)).Dispose();
        using var browser = factory.CreateBrowser();
        await (await ForgotPage.VisitAsync(browser)).SendForgotPasswordAsync(email);
        await (await ForgotPage.VisitAsync(browser)).SendForgotPasswordAsync(email);

        // Assert
        var outcomes = await OutcomesAsync(user.Id, expected: 4);
        Assert.Equal(3, outcomes.Count(o => o == ResetRequestOutcome.EmailQueued));
        Assert.Equal(1, outcomes.Count(o => o == ResetRequestOutcome.Throttled));
    }

    [Fact] // A3, S7: the same headers as the pages, no caching, no cookies, no CORS
    public async Task Api_Responses_CarryTheSecurityHeaders_AndNoCookiesOrCorsGrants()
    {
        // Arrange
        using var app = new ResetPasswordApiClient(factory);
        app.Http.DefaultRequestHeaders.Add("Origin", "https://evil.example");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, ResetPasswordApiClient.Route);
        preflight.Headers.Add("Access-Control-Request-Method", "PATCH");

        // Act
        using var accepted = await app.SendLinkAsync(UserStories.UniqueEmail("api-headers"));
        using var invalid = await app.ResetAsync(new { userId = "nobody", token = "AAAA", password = UserStories.NewPassword });
        using var preflightAnswer = await app.Http.SendAsync(preflight);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await ResponseAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest);
        await ResponseAssert.IsProblemAsync(preflightAnswer, HttpStatusCode.MethodNotAllowed);
        foreach (var response in new[] { accepted, invalid, preflightAnswer })
        {
            ApiAssert.HasSecurityHeaders(response);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        }
    }

    private Task<List<ResetRequestOutcome>> OutcomesAsync(string userId, int expected) => Eventually.UntilAsync(
        () => factory.QueryAsync(db => db.ResetRequests.Where(r => r.UserId == userId).Select(r => r.Outcome).ToListAsync()),
        outcomes => outcomes.Count >= expected,
        outcomes => $"Expected {expected} resolved requests, found {outcomes.Count}.",
        TimeSpan.FromSeconds(15));

    private static string[] HeaderNames(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Where(h => h != "Date").Order().ToArray();
}
