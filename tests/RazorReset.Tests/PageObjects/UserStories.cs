using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

/// <summary>Whole journeys, chained from the page objects, so a test reads like what the user did.</summary>
public static class UserStories
{
    public const string GoodPassword = "plenty of lemon trees in winter";
    public const string NewPassword = "a brand new sequence of quiet words";

    public static string UniqueEmail(string tag = "user") => $"{tag}-{Guid.NewGuid():N}@example.test";

    /// <summary>F8: register on the app's page, open the confirmation email, follow its link.</summary>
    public static async Task RegisterAndConfirmAsync(RazorResetFactory factory, string email, string password)
    {
        using var client = factory.CreateBrowser();
        var register = await RegisterPage.VisitAsync(client);
        await register.RegisterAsync(email, password);

        var message = await factory.Mailbox.WaitForAsync(email, "Confirm");
        var link = Mailbox.LinkIn(message.Html, "confirm-link");
        using var confirmed = await client.GetAsync(new Uri(link).PathAndQuery);
        var document = await ResponseAssert.IsHtmlDocumentAsync(confirmed);
        Assert.Contains("Thank you for confirming your email", document.Body!.TextContent);
    }

    /// <summary>Arrange shortcut: an account straight through UserManager, as registration would leave it.</summary>
    public static async Task<IdentityUser> CreateUserAsync(RazorResetFactory factory, string email, string password = GoodPassword, bool confirmed = true)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = confirmed };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>F1→E3: ask for a reset from a fresh browser and return the link from the nth reset email.</summary>
    public static async Task<string> RequestResetLinkAsync(RazorResetFactory factory, string email, int nth = 1)
    {
        using var client = factory.CreateBrowser();
        var forgot = await ForgotPage.VisitAsync(client);
        await forgot.SendForgotPasswordAsync(email);
        var message = await factory.Mailbox.WaitForAsync(email, "Reset your", nth);
        return Mailbox.LinkIn(message.Html, "reset-link");
    }

    /// <summary>F1→E3, A4: ask from this browser and return its "check your email" page and the nth reset email.</summary>
    public static async Task<(SentPage Sent, ReceivedMail Message)> RequestResetEmailAsync(RazorResetFactory factory, HttpClient client, string email, int nth = 1)
    {
        var sent = await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        var message = await factory.Mailbox.WaitForAsync(email, "Reset your", nth);
        return (sent, message);
    }

    /// <summary>The whole reset: request → email → ResetLink → NewPassword → done page.</summary>
    public static async Task<DonePage> ResetPasswordAsync(RazorResetFactory factory, string email, string newPassword)
    {
        var link = await RequestResetLinkAsync(factory, email);
        using var client = factory.CreateBrowser();
        var page = await NewPasswordPage.OpenFromLinkAsync(client, link);
        return await page.ChangePasswordAsync(newPassword);
    }

    /// <summary>
    /// S1: Identity's token provider reads the system clock (it takes no TimeProvider), so a test
    /// waits until the link is refused, asking the way a mail scanner would (read-only, S9).
    /// </summary>
    public static Task WaitUntilLinkExpiresAsync(RazorResetFactory factory, string link) => Eventually.UntilAsync(
        async () =>
        {
            using var probe = factory.CreateClient(new() { BaseAddress = factory.ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
            using var response = await probe.GetAsync(new Uri(link).PathAndQuery);
            return response.StatusCode;
        },
        status => status == HttpStatusCode.BadRequest,
        status => $"The link still answers {(int)status}.",
        TimeSpan.FromSeconds(20),
        TimeSpan.FromMilliseconds(100));

    public static async Task<HomePage> SignInAsync(RazorResetFactory factory, HttpClient client, string email, string password)
    {
        var login = await LoginPage.VisitAsync(client);
        return await login.LoginValidUserAsync(email, password);
    }

    /// <summary>Whether the password signs the account in: false when refused, a failed assertion for any other answer.</summary>
    public static async Task<bool> CanSignInAsync(RazorResetFactory factory, string email, string password)
    {
        using var client = factory.CreateBrowser();
        var login = await LoginPage.VisitAsync(client);
        using var response = await login.PostAsync(email, password);
        if (response.StatusCode == HttpStatusCode.OK) return false; // refused: the form again, with its error

        LoginPage.AssertSignedIn(response); // lockout and two-factor answers are redirects too
        return true;
    }
}
