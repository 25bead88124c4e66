using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using RazorReset.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Journeys;

/// <summary>The steps of the reset journey as a person takes them in the browser, chained by the tests.</summary>
public static class BrowserStories
{
    /// <summary>F1: on /Forgot, type the address, send, land on "check your email".</summary>
    public static async Task AskForResetLinkAsync(IPage page, string email)
    {
        await page.FillAsync("#Input_Email", email);
        await page.ClickAsync("#forgot-submit");
        await Expect(page).ToHaveURLAsync(new Regex("/Forgot/Sent$"));
        await Expect(page.Locator("#sent")).ToContainTextAsync($"If an account exists for {email}, we have sent a link to it.");
    }

    /// <summary>F1 from a fresh page: open /Forgot and ask.</summary>
    public static async Task AskForResetLinkAsync(IPage page, LiveAppFactory app, string email)
    {
        await page.GotoAsync(app.Url("/Forgot"));
        await AskForResetLinkAsync(page, email);
    }

    /// <summary>E6: the link in the reset email that reached smtp4dev, picked from its HTML as a reader's click would.</summary>
    public static async Task<string> ResetLinkFromMailAsync(Smtp4devServer smtp4dev, string email)
    {
        var message = await smtp4dev.WaitForAsync(email);
        Assert.Equal("Reset your RazorReset password", message.Subject);
        return Mailbox.LinkIn(message.Html, "reset-link");
    }

    /// <summary>F1→F4: ask, read the mail, follow its link; the page is left on /NewPassword.</summary>
    public static async Task OpenNewPasswordPageAsync(IPage page, BrowserSuite suite, LiveAppFactory app, string email)
    {
        await AskForResetLinkAsync(page, app, email);
        await page.GotoAsync(await ResetLinkFromMailAsync(suite.Smtp4dev, email));
        await Expect(page).ToHaveURLAsync(app.Url("/NewPassword"));
    }

    /// <summary>F5: fill the new-password form and send it.</summary>
    public static async Task ChooseNewPasswordAsync(IPage page, string password, string? confirmation = null)
    {
        await page.FillAsync("#Input_Password", password);
        await page.FillAsync("#Input_ConfirmPassword", confirmation ?? password);
        await page.ClickAsync("#new-password-submit");
    }

    /// <summary>F8: Identity UI's sign-in form; signed in when the header names the account.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator("#manage-link")).ToHaveTextAsync(email);
    }
}
