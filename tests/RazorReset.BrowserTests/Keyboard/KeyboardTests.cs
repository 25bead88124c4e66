using System.Text.Json;
using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using RazorReset.BrowserTests.Journeys;
using RazorReset.Tests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Keyboard;

/// <summary>U2: the whole journey with Tab, Enter and typing only, the focus visible at every stop.</summary>
[Collection(BrowserSuiteDefinition.Name)]
public sealed class KeyboardTests(BrowserSuite suite)
{
    [Fact] // U2
    public async Task Journey_KeyboardOnly_EveryStepReachableWithTabAndEnter_FocusVisible_U2()
    {
        // Arrange
        var app = suite.App;
        var email = UserStories.UniqueEmail("keyboard");
        await UserStories.CreateUserAsync(app, email);
        await using var context = await suite.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url("/"));

        // Home: the first stop is the skip link, shown when focused; then "Reset my password"
        await page.Keyboard.PressAsync("Tab");
        var skip = await FocusState.ReadAsync(page);
        Assert.Equal("Skip to content", skip.Text);
        Assert.True(skip.InViewport, "The skip link stays off-screen when focused.");
        AssertVisible(skip);
        await TabToAsync(page, "forgot-link");
        await page.Keyboard.PressAsync("Enter");
        await ArriveAsync(page, app.Url("/Forgot"));

        // Forgot: the field already has focus
        await Expect(page.Locator("#Input_Email")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(email);
        await TabToAsync(page, "forgot-submit");
        await page.Keyboard.PressAsync("Enter");
        await ArriveAsync(page, app.Url("/Forgot/Sent"));

        // The link is opened from the mail client, which is not the app
        await page.GotoAsync(await BrowserStories.ResetLinkFromMailAsync(suite.Smtp4dev, email));
        await ArriveAsync(page, app.Url("/NewPassword"));

        // New password: focus on the field; the show-password toggle works from the keyboard
        await Expect(page.Locator("#Input_Password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(UserStories.NewPassword);
        await TabToAsync(page, "Show password");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#Input_Password")).ToHaveAttributeAsync("type", "text");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#Input_Password")).ToHaveAttributeAsync("type", "password");
        await TabToAsync(page, "Input_ConfirmPassword");
        await page.Keyboard.TypeAsync(UserStories.NewPassword);
        await TabToAsync(page, "new-password-submit");
        await page.Keyboard.PressAsync("Enter");
        await ArriveAsync(page, app.Url("/NewPassword/Done"));

        // Done → sign in with the new password
        await TabToAsync(page, "done-signin-link");
        await page.Keyboard.PressAsync("Enter");
        await ArriveAsync(page, app.Url("/Identity/Account/Login"));
        await Expect(page.Locator("#Input_Email")).ToBeFocusedAsync(); // the sign-in page starts at its first field
        await page.Keyboard.TypeAsync(email);
        await TabToAsync(page, "Input_Password");
        await page.Keyboard.TypeAsync(UserStories.NewPassword);
        await TabToAsync(page, "login-submit");
        await page.Keyboard.PressAsync("Enter");

        // Assert
        await Expect(page.Locator("#manage-link")).ToHaveTextAsync(email);
    }

    /// <summary>The next page has loaded (its autofocus and deferred script done) before the next key.</summary>
    private static async Task ArriveAsync(IPage page, string url)
    {
        await Expect(page).ToHaveURLAsync(url);
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Presses Tab until the element with this id (or text) has focus, asserting visible focus at every stop.</summary>
    private static async Task TabToAsync(IPage page, string idOrText, int maxPresses = 40)
    {
        var stops = new List<string>();
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await FocusState.ReadAsync(page);
            stops.Add(focus.ToString());
            AssertVisible(focus);
            if (focus.Id == idOrText || focus.Text == idOrText) return;
        }

        Assert.Fail($"'{idOrText}' was not reached with {maxPresses} Tabs. Stops: {string.Join(" → ", stops)}");
    }

    private static void AssertVisible(FocusState focus) =>
        Assert.True(
            focus.FocusVisible && focus.OutlineStyle != "none" && focus.OutlineWidth >= 2,
            $"No visible focus indicator on {focus} (outline {focus.OutlineStyle} {focus.OutlineWidth}px).");

    private sealed record FocusState(string Id, string Tag, string Text, bool FocusVisible, string OutlineStyle, double OutlineWidth, bool InViewport)
    {
        public static async Task<FocusState> ReadAsync(IPage page) =>
            (await page.EvaluateAsync<JsonElement>("""
                () => {
                  const e = document.activeElement;
                  const style = getComputedStyle(e);
                  const box = e.getBoundingClientRect();
                  return {
                    id: e.id,
                    tag: e.tagName.toLowerCase(),
                    text: (e.innerText || '').trim().slice(0, 60),
                    focusVisible: e.matches(':focus-visible'),
                    outlineStyle: style.outlineStyle,
                    outlineWidth: parseFloat(style.outlineWidth) || 0,
                    inViewport: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
                  };
                }
                """)).Deserialize<FocusState>(JsonOptions)!;

        private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

        public override string ToString() => $"{Tag}#{Id} '{Text}'";
    }
}
