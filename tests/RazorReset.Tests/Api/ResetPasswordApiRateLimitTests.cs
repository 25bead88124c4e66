using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Api;

/// <summary>A host with a per-IP limit of 3 (the test server gives every request the same client).</summary>
public sealed class ResetPasswordApiRateLimitTests : IAsyncLifetime
{
    private readonly RazorResetFactory _factory = RazorResetFactory.With(new Dictionary<string, string?>
    {
        ["RateLimiting:PermitLimit"] = "3",
    });

    [Fact] // A3, S5, S4: the fourth request is a 429 problem with Retry-After, and is not recorded
    public async Task Api_FourthRequestFromOneIp_Is429Problem_WithRetryAfter_AndRecordsNothing()
    {
        // Arrange
        using var app = new ResetPasswordApiClient(_factory);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await app.SendLinkAsync(UserStories.UniqueEmail("api-rate"));
            Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        }

        // Act
        using var post = await app.SendLinkAsync(UserStories.UniqueEmail("api-rate"));
        using var patch = await app.ResetAsync(new { userId = "x", token = "AAAA", password = UserStories.NewPassword });

        // Assert
        foreach (var limited in new[] { post, patch })
        {
            var problem = await ResponseAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
            Assert.Equal("urn:razorreset:problem:too-many-requests", problem.GetProperty("type").GetString());
            var retryAfter = Assert.Single(limited.Headers.GetValues("Retry-After"));
            Assert.InRange(int.Parse(retryAfter, CultureInfo.InvariantCulture), 1, 600);
            ApiAssert.HasSecurityHeaders(limited);
        }

        await using var scope = _factory.Services.CreateAsyncScope();
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<AppDbContext>().ResetRequests.CountAsync());
    }

    [Fact] // A3, S5: the API has a budget of its own; a client that spent it can still use /Forgot
    public async Task Api_Limit_IsItsOwn_AndLeavesTheForgotPageAlone()
    {
        // Arrange
        using var app = new ResetPasswordApiClient(_factory);
        for (var i = 0; i < 3; i++) (await app.SendLinkAsync(UserStories.UniqueEmail("api-own"))).Dispose();
        using var limited = await app.SendLinkAsync(UserStories.UniqueEmail("api-own"));
        using var browser = _factory.CreateBrowser();

        // Act
        var sent = await (await ForgotPage.VisitAsync(browser)).SendForgotPasswordAsync(UserStories.UniqueEmail("page-own"));

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("If an account exists for", sent.Message);
    }

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();
}
