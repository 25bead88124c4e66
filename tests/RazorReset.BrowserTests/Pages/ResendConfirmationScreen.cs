using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Pages;

public sealed class ResendConfirmationScreen
{
    private ResendConfirmationScreen(IPage page) => Page = page;

    public IPage Page { get; }

    public static async Task<ResendConfirmationScreen> OpenAsync(IPage page, LiveAppFactory app)
    {
        await page.GotoAsync(app.Url("/Identity/Account/ResendEmailConfirmation"));
        await Expect(page.Locator("#resend-form")).ToBeVisibleAsync();
        return new ResendConfirmationScreen(page);
    }

    public async Task ResendAsync(string email)
    {
        await Page.FillAsync("#Input_Email", email);
        await Page.ClickAsync("#resend-submit");
        await Expect(Page.Locator("#confirmation-sent")).ToContainTextAsync(email);
    }
}
