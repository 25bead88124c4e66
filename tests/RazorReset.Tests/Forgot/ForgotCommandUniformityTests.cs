using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Tests.Api;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Forgot;

/// <summary>
/// F2, P1 as structure: the request path runs the same database commands whatever the address,
/// and never reads the users table, so it cannot take longer when the account exists. The
/// benchmark measures the timing; these make a regression fail the suite. Provider-neutral: a
/// subclass with another host fixture runs them on another database.
/// </summary>
public abstract class ForgotCommandUniformityTests(RazorResetFactory factory)
{
    private const string UsersTable = "AspNetUsers";

    [Fact]
    public async Task ForgotPost_RunsTheSameCommands_ForExistingUnknownUnconfirmedLockedOutAndThrottledAddresses_AndNeverReadsTheUsersTable()
    {
        // Arrange
        var addresses = await ArrangeAddressesAsync("page");
        await PostForgotAsync(UserStories.UniqueEmail("warm-up"));

        // Act
        var commands = new Dictionary<string, IReadOnlyList<CapturedCommand>>();
        foreach (var (kind, email) in addresses)
        {
            using var client = factory.CreateBrowser();
            var page = await ForgotPage.VisitAsync(client);
            using var capture = factory.Commands.Capture(client);
            using var response = await page.PostAsync(email);
            ResponseAssert.IsRedirectTo(response, "/Forgot/Sent");
            commands[kind] = capture.Commands;
        }

        // Assert
        AssertUniform(commands);
        await AssertTheAddressesWereWhatTheySayAsync(addresses);
    }

    [Fact] // A1
    public async Task ApiPost_RunsTheSameCommands_ForExistingUnknownUnconfirmedLockedOutAndThrottledAddresses_AndNeverReadsTheUsersTable()
    {
        // Arrange
        var addresses = await ArrangeAddressesAsync("api");
        using var app = new ResetPasswordApiClient(factory);
        using (var warmUp = await app.SendLinkAsync(UserStories.UniqueEmail("warm-up"))) Assert.Equal(HttpStatusCode.Accepted, warmUp.StatusCode);

        // Act
        var commands = new Dictionary<string, IReadOnlyList<CapturedCommand>>();
        foreach (var (kind, email) in addresses)
        {
            using var capture = factory.Commands.Capture(app.Http);
            using var response = await app.SendLinkAsync(email);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            commands[kind] = capture.Commands;
        }

        // Assert
        AssertUniform(commands);
        await AssertTheAddressesWereWhatTheySayAsync(addresses);
    }

    private static void AssertUniform(Dictionary<string, IReadOnlyList<CapturedCommand>> commands)
    {
        var unknown = commands["unknown"];
        Assert.Contains(unknown, c => c.Touches("ResetRequests")); // the capture sees the request's own insert
        foreach (var (kind, ran) in commands)
        {
            Assert.True(unknown.SequenceEqual(ran), $"{kind} ran{Environment.NewLine}{string.Join(Environment.NewLine, ran)}{Environment.NewLine}but unknown ran{Environment.NewLine}{string.Join(Environment.NewLine, unknown)}");
            var readsUsers = ran.Where(c => c.Touches(UsersTable)).ToList();
            Assert.True(readsUsers.Count == 0, $"{kind} touched {UsersTable}: {string.Join(Environment.NewLine, readsUsers)}");
        }
    }

    private async Task<Dictionary<string, string>> ArrangeAddressesAsync(string tag)
    {
        var addresses = new Dictionary<string, string>
        {
            ["existing"] = UserStories.UniqueEmail($"{tag}-existing"),
            ["unknown"] = UserStories.UniqueEmail($"{tag}-unknown"),
            ["unconfirmed"] = UserStories.UniqueEmail($"{tag}-unconfirmed"),
            ["locked-out"] = UserStories.UniqueEmail($"{tag}-locked"),
            ["throttled"] = UserStories.UniqueEmail($"{tag}-throttled"),
        };
        await UserStories.CreateUserAsync(factory, addresses["existing"]);
        await UserStories.CreateUserAsync(factory, addresses["unconfirmed"], confirmed: false);
        var locked = await UserStories.CreateUserAsync(factory, addresses["locked-out"]);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var result = await users.SetLockoutEndDateAsync((await users.FindByIdAsync(locked.Id))!, DateTimeOffset.UtcNow.AddYears(1));
            Assert.True(result.Succeeded);
        }

        await UserStories.CreateUserAsync(factory, addresses["throttled"]);
        for (var i = 1; i <= 3; i++) await UserStories.RequestResetLinkAsync(factory, addresses["throttled"], i);
        return addresses;
    }

    /// <summary>A positive control: each address really was of its kind when it was submitted.</summary>
    private async Task AssertTheAddressesWereWhatTheySayAsync(Dictionary<string, string> addresses)
    {
        await factory.WaitForResetRequestsProcessedAsync();
        await factory.WaitForOutboxDrainedAsync();
        Assert.Single(factory.Mailbox.Matching(addresses["existing"], "Reset your"));
        Assert.Empty(factory.Mailbox.To(addresses["unknown"]));
        Assert.Single(factory.Mailbox.Matching(addresses["unconfirmed"], "Reset your"));
        Assert.Single(factory.Mailbox.Matching(addresses["locked-out"], "Reset your"));
        Assert.Equal(3, factory.Mailbox.Matching(addresses["throttled"], "Reset your").Count);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(addresses["locked-out"]))!));
        Assert.False((await users.FindByEmailAsync(addresses["unconfirmed"]))!.EmailConfirmed);
    }

    private async Task PostForgotAsync(string email)
    {
        using var client = factory.CreateBrowser();
        await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
    }
}
