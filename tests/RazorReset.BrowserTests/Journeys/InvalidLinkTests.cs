using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using RazorReset.Tests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Journeys;

/// <summary>F4, S2: a dead link ends on one friendly page that offers a new one.</summary>
[Collection(BrowserSuiteDefinition.Name)]
public sealed class InvalidLinkTests(BrowserSuite suite)
{
    [Fact] // F4, S1
    public async Task ExpiredLink_ShowsTheInvalidLinkPage_WithRequestNewLink_F4()
    {
        // Arrange: links that live two seconds
        await using var app = await suite.StartAppAsync(new Dictionary<string, string?> { ["PasswordReset:TokenLifespan"] = "00:00:02" });
        var email = UserStories.UniqueEmail("expired");
        await UserStories.CreateUserAsync(app, email);
        await using var context = await suite.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserStories.AskForResetLinkAsync(page, app, email);
        var link = await BrowserStories.ResetLinkFromMailAsync(suite.Smtp4dev, email);
        await UserStories.WaitUntilLinkExpiresAsync(app, link);

        // Act
        var response = await page.GotoAsync(link);

        // Assert
        await AssertInvalidLinkPageAsync(response, page, app);
    }

    [Fact] // S2, F6: one reset per link
    public async Task UsedLink_ShowsTheInvalidLinkPage_WithRequestNewLink_S2()
    {
        // Arrange: a reset completed in one browser
        var app = suite.App;
        var email = UserStories.UniqueEmail("used");
        await UserStories.CreateUserAsync(app, email);
        string link;
        await using (var first = await suite.NewContextAsync())
        {
            var page = await first.NewPageAsync();
            await BrowserStories.AskForResetLinkAsync(page, app, email);
            link = await BrowserStories.ResetLinkFromMailAsync(suite.Smtp4dev, email);
            await page.GotoAsync(link);
            await BrowserStories.ChooseNewPasswordAsync(page, UserStories.NewPassword);
            await Expect(page).ToHaveURLAsync(app.Url("/NewPassword/Done"));

            // The same tab cannot come back to the form either: its reset cookie is gone
            var back = await page.GotoAsync(app.Url("/NewPassword"));
            await AssertInvalidLinkPageAsync(back, page, app);
        }

        // Act: the link again, from another browser
        await using var second = await suite.NewContextAsync();
        var again = await second.NewPageAsync();
        var response = await again.GotoAsync(link);

        // Assert
        await AssertInvalidLinkPageAsync(response, again, app);
    }

    private static async Task AssertInvalidLinkPageAsync(IResponse? response, IPage page, LiveAppFactory app)
    {
        Assert.Equal(400, response?.Status);
        await Expect(page.Locator("#invalid-link h1")).ToHaveTextAsync("This link is invalid or has expired");
        await page.ClickAsync("#request-new-link");
        await Expect(page).ToHaveURLAsync(app.Url("/Forgot"));
        await Expect(page.Locator("#forgot-form")).ToBeVisibleAsync();
    }
}
