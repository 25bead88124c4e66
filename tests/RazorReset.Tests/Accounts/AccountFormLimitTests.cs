using System.Globalization;
using System.Net;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

public sealed class AccountFormLimitTests
{
    [Fact] // S5 extended to every form: password guessing on Identity UI's sign-in is bounded per IP
    public async Task SignInPosts_BeyondThePerIpLimit_Are429_AndTheRightPasswordDoesNotGetThrough()
    {
        // Arrange
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["RateLimiting:AccountFormsPermitLimit"] = "3" });
        var email = UserStories.UniqueEmail("guessed");
        await UserStories.CreateUserAsync(factory, email);
        using var client = factory.CreateBrowser();
        var login = await LoginPage.VisitAsync(client);

        // Act: three wrong guesses, then the right one
        var refused = new List<bool>();
        for (var i = 0; i < 3; i++) refused.Add(await login.IsRefusedAsync(email, $"wrong guess number {i}"));
        using var fourth = await login.PostAsync(email, UserStories.GoodPassword);
        using var stillReadable = await client.GetAsync("/Identity/Account/Login");

        // Assert
        Assert.All(refused, Assert.True);
        var document = await ResponseAssert.IsHtmlDocumentAsync(fourth, HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(Assert.Single(fourth.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture), 1, 600);
        Assert.Contains("Please wait", HtmlAssert.HasElement(document, "status-429").TextContent);
        Assert.False(fourth.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, stillReadable.StatusCode); // GET is not limited
    }

    [Fact] // S5: the account forms have a bucket of their own; the reset flow stays open
    public async Task RegisterPosts_ShareTheAccountFormsBucket_ButNotTheResetOne()
    {
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>
        {
            ["RateLimiting:AccountFormsPermitLimit"] = "1",
            ["RateLimiting:PermitLimit"] = "5",
        });
        using var client = factory.CreateBrowser();
        var login = await LoginPage.VisitAsync(client);
        var register = await RegisterPage.VisitAsync(client);
        var forgot = await ForgotPage.VisitAsync(client);

        using var signIn = await login.PostAsync(UserStories.UniqueEmail("nobody"), "not the password at all");
        using var registration = await register.PostAsync(UserStories.UniqueEmail("late"), UserStories.GoodPassword);
        using var reset = await forgot.PostAsync(UserStories.UniqueEmail("reset"));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, registration.StatusCode);
        Assert.Equal(HttpStatusCode.Found, reset.StatusCode);
    }

    [Fact] // S5, S2: signing out is never refused, even with the account-forms budget spent
    public async Task SignOut_IsNotRateLimited()
    {
        // Arrange: the one permitted POST is the sign-in itself
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["RateLimiting:AccountFormsPermitLimit"] = "1" });
        var email = UserStories.UniqueEmail("leaving");
        await UserStories.CreateUserAsync(factory, email);
        using var client = factory.CreateBrowser();
        var home = await UserStories.SignInAsync(factory, client, email, UserStories.GoodPassword);

        // Act
        var afterSignOut = await home.SignOutAsync();

        // Assert
        Assert.True(home.IsSignedIn);
        Assert.False(afterSignOut.IsSignedIn);
    }
}

