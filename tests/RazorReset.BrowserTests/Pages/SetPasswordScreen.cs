using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Pages;

/// <summary>The manage area's first-password page, for a signed-in context whose account has none.</summary>
public sealed class SetPasswordScreen
{
    private SetPasswordScreen(IPage page) => Page = page;

    public IPage Page { get; }

    public ILocator NewPassword => Page.Locator("#Input_NewPassword");

    public static async Task<SetPasswordScreen> OpenAsync(IPage page, LiveAppFactory app)
    {
        await page.GotoAsync(app.Url("/Identity/Account/Manage/SetPassword"));
        await Expect(page.Locator("#set-password-form")).ToBeVisibleAsync();
        return new SetPasswordScreen(page);
    }

    public async Task SubmitAsync(string newPassword, string confirmation)
    {
        await NewPassword.FillAsync(newPassword);
        await Page.FillAsync("#Input_ConfirmPassword", confirmation);
        await Page.ClickAsync("#set-password-submit");
    }
}
