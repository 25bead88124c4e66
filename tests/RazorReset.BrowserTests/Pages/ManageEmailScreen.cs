using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Pages;

/// <summary>The manage area's email page, for a signed-in context.</summary>
public sealed class ManageEmailScreen
{
    private ManageEmailScreen(IPage page) => Page = page;

    public IPage Page { get; }

    public static async Task<ManageEmailScreen> OpenAsync(IPage page, LiveAppFactory app)
    {
        await page.GotoAsync(app.Url("/Identity/Account/Manage/Email"));
        await Expect(page.Locator("#email-form")).ToBeVisibleAsync();
        return new ManageEmailScreen(page);
    }

    /// <summary>Asks for a link to the new address; the page says where it went.</summary>
    public async Task AskToChangeAsync(string newEmail)
    {
        await Page.FillAsync("#Input_NewEmail", newEmail);
        await Page.ClickAsync("#change-email-button");
        await Expect(Page.Locator("#status-message")).ToContainTextAsync(newEmail);
    }
}
