using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Pages;

/// <summary>The sign-in page in the browser.</summary>
public sealed class SignInScreen
{
    private SignInScreen(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>The one answer to every refused sign-in, with its next steps.</summary>
    public ILocator Refused => Page.Locator("#sign-in-refused");

    public ILocator Password => Page.Locator("#Input_Password");

    public static async Task<SignInScreen> OpenAsync(IPage page, LiveAppFactory app)
    {
        await page.GotoAsync(app.Url("/Identity/Account/Login"));
        await Expect(page.Locator("#account")).ToBeVisibleAsync();
        return new SignInScreen(page);
    }

    public async Task<SignInScreen> TryAsync(string email, string password)
    {
        await Page.FillAsync("#Input_Email", email);
        await Page.FillAsync("#Input_Password", password);
        await Page.ClickAsync("#login-submit");
        await Expect(Page.Locator("#account")).ToBeVisibleAsync();
        return this;
    }
}
