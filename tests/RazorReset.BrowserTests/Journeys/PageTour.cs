using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using RazorReset.BrowserTests.Pages;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Journeys;

/// <summary>
/// Every page a person can meet, reached the way they would reach it, with a callback at each.
/// The tour has an app of its own: Pickup mail, so /dev/mail has messages to show and the reset
/// link is clicked there (E5), and a per-IP limit of 3, so the 429 page is a real rejection.
/// </summary>
public static class PageTour
{
    public static async Task VisitEveryPageAsync(BrowserSuite suite, IPage page, Func<string, Task> atEachPage)
    {
        await using var app = await suite.StartAppAsync(new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Pickup",
            ["RateLimiting:PermitLimit"] = "3",
        });
        var email = UserStories.UniqueEmail("tour");
        await UserStories.CreateUserAsync(app, email);

        await page.GotoAsync(app.Url("/"));
        await AtAsync("home");
        var register = await RegisterScreen.OpenAsync(page, app);
        await AtAsync("register");
        await register.SubmitAsync(UserStories.UniqueEmail("tour-register"), "qwertyqwerty", "something else entirely");
        await Expect(register.Confirmation).ToHaveAttributeAsync("aria-invalid", "true");
        await AtAsync("register-errors");
        await register.RegisterAsync(UserStories.UniqueEmail("tour-register"), UserStories.GoodPassword);
        await AtAsync("register-confirmation");
        var resend = await ResendConfirmationScreen.OpenAsync(page, app);
        await AtAsync("resend-confirmation");
        await resend.ResendAsync(email);
        await AtAsync("resend-confirmation-sent");
        var signIn = await SignInScreen.OpenAsync(page, app);
        await AtAsync("sign-in");
        await signIn.TryAsync(email, "not the password of this account");
        await Expect(signIn.Refused).ToBeVisibleAsync();
        await AtAsync("sign-in-refused");
        await page.GotoAsync(app.Url("/Forgot"));
        await AtAsync("forgot");

        // Forgot POST 1 of 3
        await BrowserStories.AskForResetLinkAsync(page, email);
        await AtAsync("sent");

        var message = await app.Mailbox.WaitForAsync(email, "Reset your");
        await page.GotoAsync(app.Url("/dev/mail"));
        await AtAsync("dev-mail");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reset your RazorReset password" }).ClickAsync();
        await Expect(page.Locator("#mail-message")).ToBeVisibleAsync();
        await AtAsync("dev-mail-message");

        // ResetLink GET 1 of 3
        await page.Locator("#mail-links a[href*='/ResetLink?']").ClickAsync();
        await Expect(page).ToHaveURLAsync(app.Url("/NewPassword"));
        await AtAsync("new-password");

        // NewPassword POSTs 1 and 2 of 3
        await BrowserStories.ChooseNewPasswordAsync(page, "qwertyqwerty");
        await Expect(page.Locator("#Input_Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await AtAsync("new-password-errors");
        await BrowserStories.ChooseNewPasswordAsync(page, UserStories.NewPassword);
        await Expect(page.Locator("#password-changed")).ToBeVisibleAsync();
        await AtAsync("done");

        // ResetLink GET 2 of 3: the used link
        await page.GotoAsync(Mailbox.LinkIn(message.Html, "reset-link"));
        await Expect(page.Locator("#invalid-link")).ToBeVisibleAsync();
        await AtAsync("invalid-link");

        // Forgot POSTs 2 and 3 are accepted, the 4th is refused
        for (var i = 0; i < 2; i++) await BrowserStories.AskForResetLinkAsync(page, app, UserStories.UniqueEmail("nobody"));
        await page.GotoAsync(app.Url("/Forgot"));
        await page.FillAsync("#Input_Email", UserStories.UniqueEmail("nobody"));
        await page.ClickAsync("#forgot-submit");
        await Expect(page.Locator("#status-429")).ToContainTextAsync("Please wait");
        await AtAsync("too-many-requests");

        await page.GotoAsync(app.Url("/no-such-page"));
        await AtAsync("not-found");

        await page.GotoAsync(app.Url("/Identity/Account/Login"));
        await BrowserStories.SignInAsync(page, email, UserStories.NewPassword);
        await page.ClickAsync("#manage-link");
        await Expect(page).ToHaveURLAsync(app.Url("/Identity/Account/Manage"));
        await AtAsync("manage");
        await page.GotoAsync(app.Url("/Identity/Account/Manage/ChangePassword"));
        await AtAsync("change-password");
        await page.FillAsync("#Input_OldPassword", UserStories.NewPassword);
        await page.FillAsync("#Input_NewPassword", "qwertyqwerty");
        await page.FillAsync("#Input_ConfirmPassword", "qwertyqwerty");
        await page.Locator("#change-password-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#Input_NewPassword")).ToHaveAttributeAsync("aria-invalid", "true");
        await AtAsync("change-password-errors");
        await page.FillAsync("#Input_OldPassword", UserStories.NewPassword);
        await page.FillAsync("#Input_NewPassword", UserStories.GoodPassword);
        await page.FillAsync("#Input_ConfirmPassword", UserStories.GoodPassword);
        await page.ClickAsync("#change-password-submit");
        await Expect(page.Locator("#status-message")).ToBeVisibleAsync();
        await AtAsync("change-password-done");
        var manageEmail = await ManageEmailScreen.OpenAsync(page, app);
        await AtAsync("manage-email");
        var newEmail = UserStories.UniqueEmail("tour-moved");
        await manageEmail.AskToChangeAsync(newEmail);
        await AtAsync("manage-email-sent");
        var change = await app.Mailbox.WaitForAsync(newEmail, "Confirm");
        await page.GotoAsync(Mailbox.LinkIn(change.Html, "confirm-link"));
        await Expect(page.Locator("#email-change-done")).ToBeVisibleAsync();
        await AtAsync("confirm-email-change");
        await page.GotoAsync(Mailbox.LinkIn(change.Html, "confirm-link")); // used once already
        await Expect(page.Locator("#email-change-invalid")).ToBeVisibleAsync();
        await AtAsync("confirm-email-change-invalid");
        await ForgetPasswordAsync(app, newEmail);
        var setPassword = await SetPasswordScreen.OpenAsync(page, app);
        await AtAsync("set-password");
        await setPassword.SubmitAsync("qwertyqwerty", "");
        await Expect(setPassword.NewPassword).ToHaveAttributeAsync("aria-invalid", "true");
        await AtAsync("set-password-errors");
        await setPassword.SubmitAsync(UserStories.NewPassword, UserStories.NewPassword);
        await Expect(page.Locator("#status-message")).ToContainTextAsync("Your password has been set");
        await AtAsync("set-password-done");
        await page.GotoAsync(app.Url("/"));
        await Expect(page.Locator("#home-signed-in")).ToBeVisibleAsync();
        await AtAsync("home-signed-in");

        var unconfirmed = await UserStories.CreateUserAsync(app, UserStories.UniqueEmail("tour-confirm"), confirmed: false);
        await page.GotoAsync(app.Url(await ConfirmationPathAsync(app, unconfirmed)));
        await Expect(page.Locator("#confirm-done")).ToBeVisibleAsync();
        await AtAsync("confirm-email");
        await page.GotoAsync(app.Url("/Identity/Account/ConfirmEmail?userId=nobody&code=bm90aGluZw"));
        await Expect(page.Locator("#confirm-invalid")).ToBeVisibleAsync();
        await AtAsync("confirm-email-invalid");

        // Scripts deferred, styles applied: the page as a person would see it.
        async Task AtAsync(string name)
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            await atEachPage(name);
        }
    }

    /// <summary>The account keeps its session but loses its password, as one made by an external sign-in has none.</summary>
    private static async Task ForgetPasswordAsync(LiveAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        user.PasswordHash = null; // UpdateAsync keeps the security stamp, so the session stays
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    private static async Task<string> ConfirmationPathAsync(LiveAppFactory app, Microsoft.AspNetCore.Identity.IdentityUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
        var token = await users.GenerateEmailConfirmationTokenAsync((await users.FindByIdAsync(user.Id))!);
        return $"/Identity/Account/ConfirmEmail?userId={user.Id}&code={Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token))}";
    }
}
