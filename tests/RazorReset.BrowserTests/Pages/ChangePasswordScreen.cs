using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Pages;

/// <summary>The manage area's change-password page in the browser, for a signed-in context.</summary>
public sealed class ChangePasswordScreen
{
    private ChangePasswordScreen(IPage page) => Page = page;

    public IPage Page { get; }

    public ILocator Status => Page.Locator("#status-message");

    public static async Task<ChangePasswordScreen> OpenAsync(IPage page, LiveAppFactory app)
    {
        await page.GotoAsync(app.Url("/Identity/Account/Manage/ChangePassword"));
        await Expect(page.Locator("#change-password-form")).ToBeVisibleAsync();
        return new ChangePasswordScreen(page);
    }

    public async Task<ChangePasswordScreen> ChangeAsync(string current, string newPassword, string? confirmation = null)
    {
        await Page.FillAsync("#Input_OldPassword", current);
        await Page.FillAsync("#Input_NewPassword", newPassword);
        await Page.FillAsync("#Input_ConfirmPassword", confirmation ?? newPassword);
        await Page.ClickAsync("#change-password-submit");
        await Expect(Page.Locator("#change-password-form")).ToBeVisibleAsync();
        return this;
    }
}
