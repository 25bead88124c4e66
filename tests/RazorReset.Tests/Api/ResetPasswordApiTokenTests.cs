using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.PasswordReset;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Api;

public sealed class ResetPasswordApiTokenTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    public static TheoryData<string> UnusableLinks =>
    [
        "tampered token",
        "truncated token",
        "token that is not base64url",
        "another user's token",
        "another user's uid",
        "unknown uid",
        "uid of 500 characters",
        "missing token",
        "missing uid",
        "missing everything",
        "empty strings",
    ];

    [Theory, MemberData(nameof(UnusableLinks))] // A2, S4, F4: one answer for every unusable link
    public async Task Api_Reset_WithAnUnusableLink_IsTheOneInvalidTokenProblem_AndChangesNothing(string unusable)
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-bad");
        await UserStories.CreateUserAsync(factory, email);
        var other = UserStories.UniqueEmail("api-other");
        await UserStories.CreateUserAsync(factory, other);
        using var app = new ResetPasswordApiClient(factory);
        var mine = await app.RequestLinkAsync(email);
        var theirs = await app.RequestLinkAsync(other);

        // Act
        using var response = await app.ResetAsync(Spoil(unusable, mine, theirs));

        // Assert
        await AssertInvalidTokenAsync(response);
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
        Assert.True(await UserStories.CanSignInAsync(factory, other, UserStories.GoodPassword));
        using var stillGood = await app.ResetAsync(mine, UserStories.NewPassword);
        Assert.Equal(HttpStatusCode.NoContent, stillGood.StatusCode);
    }

    [Fact] // A2, S2, F6: single use
    public async Task Api_Reset_ReplayedAfterSuccess_IsTheOneInvalidTokenProblem()
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-replay");
        await UserStories.CreateUserAsync(factory, email);
        using var app = new ResetPasswordApiClient(factory);
        var link = await app.RequestLinkAsync(email);
        using var first = await app.ResetAsync(link, UserStories.NewPassword);

        // Act
        using var replay = await app.ResetAsync(link, "yet another sequence of quiet words");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await AssertInvalidTokenAsync(replay);
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
    }

    [Fact] // A2, F4: the page flow's link and the API's token are one and the same
    public async Task Api_Reset_AfterThePageFlowUsedTheLink_IsTheOneInvalidTokenProblem()
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-page-first");
        await UserStories.CreateUserAsync(factory, email);
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        using var browser = factory.CreateBrowser();
        await (await NewPasswordPage.OpenFromLinkAsync(browser, link)).ChangePasswordAsync(UserStories.NewPassword);
        using var app = new ResetPasswordApiClient(factory);

        // Act
        using var response = await app.ResetAsync(EmailedLink.Parse(link), "yet another sequence of quiet words");

        // Assert
        await AssertInvalidTokenAsync(response);
    }

    public static TheoryData<string, string> RejectedPasswords => new()
    {
        { "elevenchars", "at least 12 characters" },
        { "password1234", "common or breached" },
        { "{email} is my password", "must not contain your email address" },
    };

    [Theory, MemberData(nameof(RejectedPasswords))] // A2, S10: reasons listed; the link stays usable
    public async Task Api_Reset_WithAPasswordThePolicyRejects_ListsTheReasons_AndKeepsTheLinkUsable(string password, string reason)
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-policy");
        await UserStories.CreateUserAsync(factory, email);
        using var app = new ResetPasswordApiClient(factory);
        var link = await app.RequestLinkAsync(email);

        // Act
        using var response = await app.ResetAsync(link, password.Replace("{email}", email));

        // Assert
        var problem = await ResponseAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("password_rejected", problem.GetProperty("code").GetString());
        var reasons = problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains(reasons, r => r!.Contains(reason, StringComparison.Ordinal));
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<PasswordResetService>().VerifyLinkAsync(link.UserId, link.Token));
    }

    [Fact] // A2, S10: a missing password is judged by the policy once the link is good
    public async Task Api_Reset_WithoutAPassword_ButAGoodLink_ListsThePolicyReason()
    {
        var email = UserStories.UniqueEmail("api-nopassword");
        await UserStories.CreateUserAsync(factory, email);
        using var app = new ResetPasswordApiClient(factory);
        var link = await app.RequestLinkAsync(email);

        using var response = await app.ResetAsync(new { userId = link.UserId, token = link.Token });

        var problem = await ResponseAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("password_rejected", problem.GetProperty("code").GetString());
    }

    internal static async Task AssertInvalidTokenAsync(HttpResponseMessage response)
    {
        var problem = await ResponseAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_or_expired_token", problem.GetProperty("code").GetString());
        Assert.Equal("This link is invalid or has expired.", problem.GetProperty("title").GetString());
        Assert.Equal("urn:razorreset:problem:invalid-or-expired-token", problem.GetProperty("type").GetString());
        Assert.False(problem.TryGetProperty("errors", out _), "No detail on which part was wrong.");
    }

    private static object Spoil(string unusable, EmailedLink mine, EmailedLink theirs) => unusable switch
    {
        "tampered token" => Body(mine.UserId, Tamper(mine.Token)),
        "truncated token" => Body(mine.UserId, mine.Token[..^12]),
        "token that is not base64url" => Body(mine.UserId, "not/base64+url=="),
        "another user's token" => Body(mine.UserId, theirs.Token),
        "another user's uid" => Body(theirs.UserId, mine.Token),
        "unknown uid" => Body(Guid.NewGuid().ToString(), mine.Token),
        "uid of 500 characters" => Body(new string('a', 500), mine.Token),
        "missing token" => new { userId = mine.UserId, password = UserStories.NewPassword },
        "missing uid" => new { token = mine.Token, password = UserStories.NewPassword },
        "missing everything" => new { },
        "empty strings" => Body("", ""),
        _ => throw new ArgumentOutOfRangeException(nameof(unusable), unusable, null),
    };

    private static object Body(string userId, string token) => new { userId, token, password = UserStories.NewPassword };

    /// <summary>One character in the middle changed to another base64url character.</summary>
    private static string Tamper(string token)
    {
        var chars = token.ToCharArray();
        var middle = chars.Length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}

/// <summary>A host whose links live one second, to watch them expire (S1).</summary>
public sealed class ResetPasswordApiExpiryTests : IAsyncLifetime
{
    private readonly RazorResetFactory _factory = RazorResetFactory.With(new Dictionary<string, string?>
    {
        ["PasswordReset:TokenLifespan"] = "00:00:01",
    });

    [Fact] // A2, S1
    public async Task Api_Reset_WithAnExpiredToken_IsTheOneInvalidTokenProblem()
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-expired");
        await UserStories.CreateUserAsync(_factory, email);
        using var app = new ResetPasswordApiClient(_factory);
        var link = await app.RequestLinkAsync(email);
        await UserStories.WaitUntilLinkExpiresAsync(_factory, $"http://localhost/ResetLink?uid={Uri.EscapeDataString(link.UserId)}&token={Uri.EscapeDataString(link.Token)}");

        // Act
        using var response = await app.ResetAsync(link, UserStories.NewPassword);

        // Assert
        await ResetPasswordApiTokenTests.AssertInvalidTokenAsync(response);
        Assert.True(await UserStories.CanSignInAsync(_factory, email, UserStories.GoodPassword));
    }

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();
}
