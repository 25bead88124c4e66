using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using RazorReset.Tests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Journeys;

[Collection(BrowserSuiteDefinition.Name)]
public sealed class ResetJourneyTests(BrowserSuite suite)
{
    [Fact] // F1–F5, F7, E6
    public Task Journey_ResetInBrowser_NoTokenInAddressBar_F4() => ResetFromTheSignInPageAsync(javaScript: true);

    [Fact] // U1: scripts only enhance
    public Task Journey_ResetWithJavaScriptDisabled_U1() => ResetFromTheSignInPageAsync(javaScript: false);

    private async Task ResetFromTheSignInPageAsync(bool javaScript)
    {
        // Arrange
        var app = suite.App;
        var email = UserStories.UniqueEmail(javaScript ? "browser" : "nojs");
        await UserStories.CreateUserAsync(app, email);
        await using var context = await suite.NewContextAsync(javaScriptEnabled: javaScript);
        var page = await context.NewPageAsync();

        // Act & Assert, step by step as the person sees it
        await page.GotoAsync(app.Url("/Identity/Account/Login"));
        await page.ClickAsync("#forgot-password");
        await Expect(page).ToHaveURLAsync(app.Url("/Forgot")); // F7: Identity UI's own page is not a second path

        await BrowserStories.AskForResetLinkAsync(page, email);
        var link = await BrowserStories.ResetLinkFromMailAsync(suite.Smtp4dev, email);
        Assert.StartsWith(app.Url("/ResetLink?uid="), link); // F3: from PublicBaseUrl

        await page.GotoAsync(link);
        Assert.Equal(app.Url("/NewPassword"), page.Url); // F4: the token has left the address bar…
        await page.GoBackAsync();
        Assert.Equal(app.Url("/Forgot/Sent"), page.Url); // …and the history
        await page.GoForwardAsync();
        Assert.Equal(app.Url("/NewPassword"), page.Url);
        await Expect(page.Locator("#new-password-form")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show password" }))
            .ToHaveCountAsync(javaScript ? 1 : 0); // the enhancement is there exactly when scripts run

        await BrowserStories.ChooseNewPasswordAsync(page, UserStories.NewPassword);
        await Expect(page).ToHaveURLAsync(app.Url("/NewPassword/Done"));
        await Expect(page.Locator("#password-changed")).ToContainTextAsync("Sign in with your new password");
        await Expect(page.Locator("#manage-link")).ToHaveCountAsync(0); // F5: not signed in by the reset

        await page.ClickAsync("#done-signin-link");
        await BrowserStories.SignInAsync(page, email, UserStories.NewPassword);
    }
}
