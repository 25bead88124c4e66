using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

public sealed class ResetJourneyTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // F1–F5
    public async Task Reset_ThroughTheRealForms_OldPasswordFails_NewPasswordSignsIn()
    {
        // Arrange
        var email = UserStories.UniqueEmail("journey");
        await UserStories.CreateUserAsync(factory, email);

        // Act
        var done = await UserStories.ResetPasswordAsync(factory, email, UserStories.NewPassword);

        // Assert
        Assert.Contains("Sign in with your new password", done.Document.Body!.TextContent);
        Assert.False(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
    }

    [Fact] // F4: the token leaves the address bar
    public async Task ResetLink_RedirectsToNewPassword_WithNoTokenInTheUrl()
    {
        var email = UserStories.UniqueEmail("addressbar");
        await UserStories.CreateUserAsync(factory, email);
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync(NewPasswordPage.PathOf(link));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/NewPassword", response.Headers.Location!.OriginalString);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact] // F5: no automatic sign-in; lockout cleared; email confirmed; notification queued (E3)
    public async Task Reset_DoesNotSignIn_ClearsLockout_ConfirmsTheEmail_AndSendsANotification()
    {
        // Arrange: an unconfirmed, locked-out account
        var email = UserStories.UniqueEmail("locked");
        var user = await UserStories.CreateUserAsync(factory, email, confirmed: false);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            await users.SetLockoutEndDateAsync(stored, DateTimeOffset.UtcNow.AddHours(1));
            await users.AccessFailedAsync(stored);
        }

        // Act
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        using var client = factory.CreateBrowser();
        var page = await NewPasswordPage.OpenFromLinkAsync(client, link);
        using var response = await page.PostAsync(UserStories.NewPassword);
        var home = await HomePage.VisitAsync(client);

        // Assert
        ResponseAssert.IsRedirectTo(response, "/NewPassword/Done");
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal) && !v.Contains("expires=Thu, 01 Jan 1970")));
        Assert.False(home.IsSignedIn);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            Assert.True(stored.EmailConfirmed);
            Assert.Null(stored.LockoutEnd);
            Assert.Equal(0, stored.AccessFailedCount);
        }

        var notice = await factory.Mailbox.WaitForAsync(email, "password was changed");
        Assert.Contains("Didn't do this?", notice.Text);
        Assert.Equal("http://localhost:5080/Forgot", Mailbox.LinkIn(notice.Html, "forgot-link"));
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
    }

    [Fact] // S9: prefetching scanners and repeated clicks consume nothing
    public async Task HeadAndGet_OnAValidLink_AnyNumberOfTimes_LeaveItUsable()
    {
        var email = UserStories.UniqueEmail("prefetch");
        await UserStories.CreateUserAsync(factory, email);
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        var stampBefore = await SecurityStampAsync(email);

        for (var i = 0; i < 3; i++)
        {
            using var scanner = factory.CreateBrowser();
            using var head = await scanner.SendAsync(new HttpRequestMessage(HttpMethod.Head, NewPasswordPage.PathOf(link)));
            using var get = await scanner.GetAsync(NewPasswordPage.PathOf(link));
            using var form = await scanner.GetAsync("/NewPassword");
            Assert.Equal(HttpStatusCode.Redirect, head.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        }

        Assert.Equal(stampBefore, await SecurityStampAsync(email));
        using var client = factory.CreateBrowser();
        var page = await NewPasswordPage.OpenFromLinkAsync(client, link);
        await page.ChangePasswordAsync(UserStories.NewPassword);
    }

    [Fact] // F4: the cookie that carries the token
    public async Task ResetCookie_IsHttpOnly_Lax_PathScoped_AndDoesNotContainTheToken()
    {
        var email = UserStories.UniqueEmail("cookie");
        await UserStories.CreateUserAsync(factory, email);
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query)["token"].ToString();
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync(NewPasswordPage.PathOf(link));

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("RazorReset.Reset=", StringComparison.Ordinal));
        var attributes = cookie.ToLowerInvariant();
        Assert.Contains("path=/newpassword", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("expires=", attributes);
        var value = cookie.Split(';')[0]["RazorReset.Reset=".Length..];
        // Every Data Protection payload starts with the same magic header and key id: compare the tails.
        Assert.DoesNotContain(token[^40..], value);
        Assert.DoesNotContain(token[^40..], Uri.UnescapeDataString(value));
    }

    [Fact] // F4: Secure outside Development
    public async Task ResetCookie_IsSecure_InProduction()
    {
        await using var production = RazorResetFactory.With(
            new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://localhost" }, environment: "Production");
        var email = UserStories.UniqueEmail("secure");
        await UserStories.CreateUserAsync(production, email);
        var user = await production.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email)));
        string token;
        await using (var scope = production.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            token = await users.GeneratePasswordResetTokenAsync(user);
        }

        var link = production.Service<RazorReset.PasswordReset.ResetLinks>().Create(user.Id, token);
        using var client = production.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(NewPasswordPage.PathOf(link));

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("RazorReset.Reset=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie.ToLowerInvariant());
    }

    private async Task<string?> SecurityStampAsync(string email) =>
        await factory.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).SecurityStamp));
}
