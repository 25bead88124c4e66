using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using RazorReset.BrowserTests.Journeys;
using RazorReset.BrowserTests.Pages;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Email;

/// <summary>
/// E8, U2, U3: each email as it reached smtp4dev, opened the way a mail client shows HTML (its own
/// document, no app CSP around it), at the narrowest and widest widths a reader has, in light and
/// dark; then its button followed into the flow.
/// </summary>
[Collection(BrowserSuiteDefinition.Name)]
public sealed class EmailRenderingTests(BrowserSuite suite)
{
    private static readonly int[] Widths = [320, 390, 800];

    [Fact] // E8, U2, U3, F8
    public async Task TheConfirmationEmail_FitsEveryWidth_HasNoAxeViolations_AndItsButtonConfirms()
    {
        // Arrange
        var email = UserStories.UniqueEmail("mail-confirm");
        await using var context = await suite.NewContextAsync();
        var site = await context.NewPageAsync();
        await (await RegisterScreen.OpenAsync(site, suite.App)).RegisterAsync(email, UserStories.GoodPassword);
        var message = await suite.Smtp4dev.WaitForAsync(email);

        // Act
        var (page, problems) = await InspectAsync(context, message, "confirm");
        await page.ClickAsync("#confirm-link");

        // Assert
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Identity/Account/ConfirmEmail"));
        await site.GotoAsync(suite.App.Url("/Identity/Account/Login"));
        await BrowserStories.SignInAsync(site, email, UserStories.GoodPassword); // possible only once confirmed (F8)
    }

    [Fact] // E8, U2, U3, F1–F5
    public async Task TheResetAndPasswordChangedEmails_FitEveryWidth_HaveNoAxeViolations_AndTheirButtonsLeadOn()
    {
        // Arrange
        var email = UserStories.UniqueEmail("mail-reset");
        await UserStories.CreateUserAsync(suite.App, email);
        await using var context = await suite.NewContextAsync();
        await BrowserStories.AskForResetLinkAsync(await context.NewPageAsync(), suite.App, email);
        var reset = await suite.Smtp4dev.WaitForAsync(email);

        // Act 1: the reset email, its button into the flow
        var (page, problems) = await InspectAsync(context, reset, "reset", screenshots: true);
        await page.ClickAsync("#reset-link");
        await Expect(page).ToHaveURLAsync(suite.App.Url("/NewPassword"));
        await BrowserStories.ChooseNewPasswordAsync(page, UserStories.NewPassword);
        await Expect(page.Locator("#password-changed")).ToBeVisibleAsync();

        // Act 2: the notice that follows, its button back to /Forgot
        var changed = await suite.Smtp4dev.WaitForAsync(email, count: 2);
        var (notice, noticeProblems) = await InspectAsync(context, changed, "password-changed");
        problems.AddRange(noticeProblems);
        await notice.ClickAsync("#forgot-link");

        // Assert
        Assert.Equal("Your RazorReset password was changed", changed.Subject);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await Expect(notice).ToHaveURLAsync(suite.App.Url("/Forgot"));
    }

    [Fact] // E8, U2, U3, S4: the mail the owner gets when someone registers with an address that has an account
    public async Task TheAccountExistsEmail_FitsEveryWidth_HasNoAxeViolations_AndItsButtonLeadsToSignIn()
    {
        // Arrange
        var email = UserStories.UniqueEmail("mail-exists");
        await UserStories.CreateUserAsync(suite.App, email);
        await using var context = await suite.NewContextAsync();
        await (await RegisterScreen.OpenAsync(await context.NewPageAsync(), suite.App)).RegisterAsync(email, UserStories.NewPassword);
        var message = await suite.Smtp4dev.WaitForAsync(email);

        // Act
        var (page, problems) = await InspectAsync(context, message, "account-exists");
        await page.ClickAsync("#signin-link");

        // Assert
        Assert.Equal("You already have a RazorReset account", message.Subject);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await Expect(page).ToHaveURLAsync(suite.App.Url("/Identity/Account/Login"));
    }

    /// <summary>
    /// Renders the HTML part at each width in light and dark: no sideways scrolling, a visible
    /// button, a preheader that stays hidden, no axe violation. A page of its own (about:blank, as a
    /// mail client's viewer: no app CSP), left on the light, desktop-width rendering.
    /// </summary>
    private static async Task<(IPage Page, List<string> Problems)> InspectAsync(IBrowserContext context, ReceivedMail message, string name, bool screenshots = false)
    {
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var folder = TestOutput.Folder("screenshots");
        foreach (var scheme in new[] { ColorScheme.Dark, ColorScheme.Light })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, 800);
                await page.SetContentAsync(message.Html);
                var at = $"{name} email at {width} px, {scheme}";

                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                if (overflow > 0) problems.Add($"{at} scrolls sideways by {overflow} px.");
                var button = await page.QuerySelectorAsync("a.button");
                if (button is null || !await button.IsVisibleAsync()) problems.Add($"{at}: no visible button.");
                var preheader = page.Locator("body > div").First;
                if (await preheader.IsVisibleAsync() || string.IsNullOrWhiteSpace(await preheader.TextContentAsync())) problems.Add($"{at}: the preheader is missing or shown.");

                var axe = await Axe.RunAsync(page);
                problems.AddRange(axe.Violations.Select(v => $"{at}: {v}"));
            }

            if (screenshots)
            {
                foreach (var (viewport, size) in Viewports.Both)
                {
                    await page.SetViewportSizeAsync(size.Width, size.Height);
                    await page.SetContentAsync(message.Html);
                    var suffix = scheme == ColorScheme.Dark ? "-dark" : "";
                    await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"email-{name}-{viewport}{suffix}.png"), FullPage = true });
                }
            }
        }

        await page.SetViewportSizeAsync(Viewports.Desktop.Width, Viewports.Desktop.Height);
        await page.SetContentAsync(message.Html);
        return (page, problems);
    }
}
