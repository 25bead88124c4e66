using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using RazorReset.BrowserTests.Journeys;
using RazorReset.BrowserTests.Pages;
using RazorReset.Tests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Forms;

/// <summary>U2: errors next to their fields, tied to them, with focus on the first — with and without scripts (U1).</summary>
[Collection(BrowserSuiteDefinition.Name)]
public sealed class ValidationTests(BrowserSuite suite)
{
    [Theory, InlineData(true), InlineData(false)] // U2, F5
    public async Task NewPassword_MismatchedConfirmation_ShowsItsMessageByTheField_AndFocusesIt_U2(bool javaScript)
    {
        // Arrange
        await using var context = await suite.NewContextAsync(javaScriptEnabled: javaScript);
        var page = await context.NewPageAsync();
        await OpenNewPasswordPageAsync(page);

        // Act
        await BrowserStories.ChooseNewPasswordAsync(page, UserStories.NewPassword, "a different sequence of quiet words");

        // Assert
        await Expect(page.Locator("#Input_ConfirmPassword")).ToHaveAccessibleDescriptionAsync("The two passwords do not match.");
        await Expect(page.Locator("#Input_ConfirmPassword")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#Input_Password")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#Input_ConfirmPassword")).ToBeFocusedAsync(); // it is document.activeElement (polled: autofocus lands after parsing)
    }

    [Theory, InlineData(true), InlineData(false)] // U2, S10
    public async Task NewPassword_CommonPassword_ShowsTheReasonByTheField_AndFocusesIt_U2(bool javaScript)
    {
        // Arrange
        await using var context = await suite.NewContextAsync(javaScriptEnabled: javaScript);
        var page = await context.NewPageAsync();
        await OpenNewPasswordPageAsync(page);

        // Act
        await BrowserStories.ChooseNewPasswordAsync(page, "qwertyqwerty");

        // Assert
        await Expect(page.Locator("#Input_Password")).ToHaveAccessibleDescriptionAsync("This password appears in lists of common or breached passwords. Choose another.");
        await Expect(page.Locator("#Input_Password + .field-error")).ToHaveTextAsync("This password appears in lists of common or breached passwords. Choose another."); // right under the field
        await Expect(page.Locator("#Input_Password")).ToBeFocusedAsync(); // it is document.activeElement (polled: autofocus lands after parsing)
        await Expect(page.Locator("#Input_Password")).ToHaveValueAsync(""); // a password is never sent back in the page
    }

    [Theory, InlineData(true), InlineData(false)] // U2, F1
    public async Task Forgot_NotAnEmailAddress_ShowsTheMessageByTheField_AndFocusesIt_U2(bool javaScript)
    {
        await using var context = await suite.NewContextAsync(javaScriptEnabled: javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync(suite.App.Url("/Forgot"));

        await page.FillAsync("#Input_Email", "not an address");
        await page.ClickAsync("#forgot-submit");

        await Expect(page.Locator("#Input_Email")).ToHaveAccessibleDescriptionAsync("Enter an email address like name@example.com.");
        await Expect(page.Locator("#Input_Email")).ToBeFocusedAsync(); // it is document.activeElement (polled: autofocus lands after parsing)
    }

    [Theory, InlineData(true), InlineData(false)] // U2, S10 on the register page
    public async Task Register_CommonPassword_ShowsTheReasonByThePasswordField_AndFocusesIt_U2(bool javaScript)
    {
        // Arrange
        await using var context = await suite.NewContextAsync(javaScriptEnabled: javaScript);
        var page = await context.NewPageAsync();
        var register = await RegisterScreen.OpenAsync(page, suite.App);

        // Act
        await register.SubmitAsync(UserStories.UniqueEmail("register"), "qwertyqwerty");

        // Assert: announced as the field's description (after the rule), where the keyboard lands
        var password = register.Password;
        await Expect(password).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex(
            @"^At least 12 characters\..*This password appears in lists of common or breached passwords\. Choose another\.$"));
        await Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(password).ToBeFocusedAsync();
    }

    [Fact] // U1: a length hint while typing, counted as the server counts (an emoji is one character)
    public async Task NewPassword_LengthHint_CountsAsTheServerDoes_AndSpeaksOnlyWhenTheMinimumIsCrossed()
    {
        // Arrange
        await using var context = await suite.NewContextAsync(javaScriptEnabled: true);
        var page = await context.NewPageAsync();
        await OpenNewPasswordPageAsync(page);
        var hint = page.Locator("#password-length");
        var spoken = page.Locator("#password-length [aria-live]");

        // Act / Assert
        await Expect(hint).ToHaveTextAsync("0 characters");
        await page.FillAsync("#Input_Password", "rain 🌧️🌧️");
        await Expect(hint).ToHaveTextAsync("9 characters"); // 🌧️ is two code points: U+1F327 and U+FE0F
        await Expect(spoken).ToBeEmptyAsync();
        await page.FillAsync("#Input_Password", "rain on the roof");
        await Expect(hint).ToContainTextAsync("16 characters: long enough");
        await Expect(spoken).ToHaveTextAsync("Long enough.");
        await page.FillAsync("#Input_Password", new string('a', 129));
        await Expect(hint).ToContainTextAsync("129 characters: too long");
        await Expect(spoken).ToHaveTextAsync("Too long.");
        await page.FillAsync("#Input_Password", "rain");
        await Expect(spoken).ToHaveTextAsync("Too short.");
    }

    [Fact] // U1: the hint is an enhancement; without scripts the page still says the rule
    public async Task NewPassword_WithoutScripts_HasNoLengthHint_ButStatesTheRule()
    {
        await using var context = await suite.NewContextAsync(javaScriptEnabled: false);
        var page = await context.NewPageAsync();
        await OpenNewPasswordPageAsync(page);

        await Expect(page.Locator("#password-length")).ToHaveCountAsync(0);
        await Expect(page.Locator("#password-hint")).ToContainTextAsync("At least 12 characters");
    }

    [Theory, InlineData(true), InlineData(false)] // U2, S4 (issue 15, item 5): one refusal, its next steps, the keyboard on the password
    public async Task SignIn_Refused_SaysWhatToDoNext_AndFocusesThePassword_U2(bool javaScript)
    {
        // Arrange
        await using var context = await suite.NewContextAsync(javaScriptEnabled: javaScript);
        var email = UserStories.UniqueEmail("refused");
        await UserStories.CreateUserAsync(suite.App, email, confirmed: false);
        var signIn = await SignInScreen.OpenAsync(await context.NewPageAsync(), suite.App);

        // Act: the right password of an account that is not confirmed yet
        await signIn.TryAsync(email, UserStories.GoodPassword);

        // Assert
        await Expect(signIn.Refused).ToHaveAttributeAsync("role", "alert");
        await Expect(signIn.Refused).ToContainTextAsync("did not sign you in");
        await Expect(signIn.Refused.GetByRole(AriaRole.Link, new() { Name = "Choose a new one" })).ToHaveAttributeAsync("href", "/Forgot");
        await Expect(signIn.Refused.GetByRole(AriaRole.Link, new() { Name = "Send it again" })).ToHaveAttributeAsync("href", "/Identity/Account/ResendEmailConfirmation");
        await Expect(signIn.Password).ToBeFocusedAsync();
        await Expect(signIn.Password).ToHaveValueAsync("");
    }

    private async Task OpenNewPasswordPageAsync(IPage page)
    {
        var email = UserStories.UniqueEmail("validation");
        await UserStories.CreateUserAsync(suite.App, email);
        await BrowserStories.OpenNewPasswordPageAsync(page, suite, suite.App, email);
    }
}
