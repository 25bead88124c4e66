using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Journeys;

[Collection(BrowserSuiteDefinition.Name)]
public sealed class CodeJourneyTests(BrowserSuite suite)
{
    [Fact] // A4: asked on the desktop, mail read on the phone, code typed on the desktop
    public Task Journey_CodeTypedOnTheDesktop_ThenTheLinkIsDeadOnThePhone_A4() => ResetWithTheCodeAsync(javaScript: true);

    [Fact] // A4, U1: the code form works without scripts
    public Task Journey_CodeWithJavaScriptDisabled_U1() => ResetWithTheCodeAsync(javaScript: false);

    private async Task ResetWithTheCodeAsync(bool javaScript)
    {
        // Arrange: two devices, two browser profiles
        var app = suite.App;
        var email = UserStories.UniqueEmail(javaScript ? "two-devices" : "two-devices-nojs");
        await UserStories.CreateUserAsync(app, email);
        await using var desktop = await suite.NewContextAsync(javaScriptEnabled: javaScript);
        await using var phone = await suite.NewContextAsync();
        var page = await desktop.NewPageAsync();

        // Act & Assert: the desktop asks and waits on "check your email"
        await BrowserStories.AskForResetLinkAsync(page, app, email);
        var codeField = page.GetByLabel("Enter the code from the email");
        await Expect(codeField).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await Expect(codeField).ToHaveAttributeAsync("inputmode", "numeric");

        // …the email arrives over SMTP; its code is typed on the desktop
        var message = await suite.Smtp4dev.WaitForAsync(email);
        var code = Mailbox.CodeIn(message.Html);
        Assert.Contains(code, message.Text);
        await codeField.FillAsync(code);
        await page.ClickAsync("#code-submit");
        await Expect(page).ToHaveURLAsync(app.Url("/NewPassword"));
        await BrowserStories.ChooseNewPasswordAsync(page, UserStories.NewPassword);
        await Expect(page).ToHaveURLAsync(app.Url("/NewPassword/Done"));

        // …and the link in the same email, opened on the phone, is dead
        var phonePage = await phone.NewPageAsync();
        await phonePage.GotoAsync(Mailbox.LinkIn(message.Html, "reset-link"));
        await Expect(phonePage.Locator("#invalid-link")).ToBeVisibleAsync();

        await page.ClickAsync("#done-signin-link");
        await BrowserStories.SignInAsync(page, email, UserStories.NewPassword);
    }
}
