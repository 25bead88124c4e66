using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Pages;

/// <summary>The register page in the browser; a good submission leads to "check your email".</summary>
public sealed class RegisterScreen
{
    private RegisterScreen(IPage page) => Page = page;

    public IPage Page { get; }

    public ILocator Password => Page.Locator("#Input_Password");

    public ILocator Confirmation => Page.Locator("#Input_ConfirmPassword");

    public static async Task<RegisterScreen> OpenAsync(IPage page, LiveAppFactory app)
    {
        await page.GotoAsync(app.Url("/Identity/Account/Register"));
        await Expect(page.Locator("#register-form")).ToBeVisibleAsync();
        return new RegisterScreen(page);
    }

    /// <summary>Submits the form; the page it leads to (the form again, or "check your email") is the caller's to check.</summary>
    public async Task SubmitAsync(string email, string password, string? confirmation = null)
    {
        await Page.FillAsync("#Input_Email", email);
        await Page.FillAsync("#Input_Password", password);
        await Page.FillAsync("#Input_ConfirmPassword", confirmation ?? password);
        await Page.ClickAsync("#register-submit");
    }

    public async Task RegisterAsync(string email, string password)
    {
        await SubmitAsync(email, password);
        await Expect(Page.Locator("#confirmation-address")).ToHaveTextAsync(email);
    }
}
