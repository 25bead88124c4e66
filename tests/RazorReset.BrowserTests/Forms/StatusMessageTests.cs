using RazorReset.BrowserTests.Infrastructure;
using RazorReset.BrowserTests.Journeys;
using RazorReset.BrowserTests.Pages;
using RazorReset.Tests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Forms;

/// <summary>U4: success said as success, and put away with a button that works under the CSP (U1, S7).</summary>
[Collection(BrowserSuiteDefinition.Name)]
public sealed class StatusMessageTests(BrowserSuite suite)
{
    [Fact] // U4, U1
    public async Task ASuccessMessage_IsAStatus_AndItsDismissButtonRemovesIt()
    {
        // Arrange
        var email = UserStories.UniqueEmail("status");
        await UserStories.CreateUserAsync(suite.App, email);
        await using var context = await suite.NewContextAsync();
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") refused.Add(message.Text); };
        await page.GotoAsync(suite.App.Url("/Identity/Account/Login"));
        await BrowserStories.SignInAsync(page, email, UserStories.GoodPassword);
        var screen = await ChangePasswordScreen.OpenAsync(page, suite.App);

        // Act
        await screen.ChangeAsync(UserStories.GoodPassword, UserStories.NewPassword);
        await Expect(screen.Status).ToHaveAttributeAsync("role", "status");
        await Expect(screen.Status).ToContainTextAsync("Your password has been changed");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Dismiss this message" }).ClickAsync();

        // Assert
        await Expect(screen.Status).ToHaveCountAsync(0);
        await Expect(page.Locator("#main")).ToBeFocusedAsync();
        Assert.Empty(refused);
    }

    [Fact] // U1: without scripts the message simply stays, with no button that does nothing
    public async Task WithoutScripts_TheMessageHasNoDeadButton()
    {
        var email = UserStories.UniqueEmail("status-noscript");
        await UserStories.CreateUserAsync(suite.App, email);
        await using var context = await suite.NewContextAsync(javaScriptEnabled: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(suite.App.Url("/Identity/Account/Login"));
        await BrowserStories.SignInAsync(page, email, UserStories.GoodPassword);
        var screen = await ChangePasswordScreen.OpenAsync(page, suite.App);

        await screen.ChangeAsync(UserStories.GoodPassword, UserStories.NewPassword);

        await Expect(screen.Status).ToContainTextAsync("Your password has been changed");
        await Expect(screen.Status.Locator("button")).ToHaveCountAsync(0);
    }
}
