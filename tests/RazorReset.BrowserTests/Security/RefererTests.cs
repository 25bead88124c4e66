using Microsoft.Playwright;
using RazorReset.BrowserTests.Infrastructure;
using RazorReset.BrowserTests.Journeys;
using RazorReset.Tests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace RazorReset.BrowserTests.Security;

[Collection(BrowserSuiteDefinition.Name)]
public sealed class RefererTests(BrowserSuite suite)
{
    [Fact] // S7, F4: nothing about the reset leaks to the next site through Referer
    public async Task LeavingTheNewPasswordAndDonePages_ForAnotherOrigin_SendsNoReferer_S7()
    {
        // Arrange
        await using var recorder = await RefererRecorder.StartAsync();
        var app = suite.App;
        var email = UserStories.UniqueEmail("referer");
        await UserStories.CreateUserAsync(app, email);
        await using var context = await suite.NewContextAsync();
        var page = await context.NewPageAsync();

        // Control: from a page without the policy, the browser does send one across origins
        await page.GotoAsync(recorder.Origin + "/control");
        await NavigateAsync(page, recorder.OtherOrigin + "/from-control");
        Assert.Equal(recorder.Origin + "/", recorder.RequestTo(recorder.OtherOrigin, "/from-control").Referer);

        // Act
        await BrowserStories.OpenNewPasswordPageAsync(page, suite, app, email);
        await NavigateAsync(page, recorder.Origin + "/from-new-password");
        await page.GoBackAsync();
        await Expect(page.Locator("#new-password-form")).ToBeVisibleAsync();
        await BrowserStories.ChooseNewPasswordAsync(page, UserStories.NewPassword);
        await Expect(page).ToHaveURLAsync(app.Url("/NewPassword/Done"));
        await NavigateAsync(page, recorder.Origin + "/from-done");

        // Assert
        Assert.Equal("", recorder.RequestTo(recorder.Origin, "/from-new-password").Referer);
        Assert.Equal("", recorder.RequestTo(recorder.Origin, "/from-done").Referer);
    }

    /// <summary>
    /// A navigation the page itself starts, as a followed link would. Playwright evaluates this
    /// through the DevTools protocol, so the page's CSP (no inline script) does not stand in the way.
    /// </summary>
    private static async Task NavigateAsync(IPage page, string url)
    {
        var arrived = page.WaitForURLAsync(url); // listening before the navigation starts, so it cannot be missed
        await page.EvaluateAsync("url => { window.location.href = url; }", url);
        await arrived;
    }
}
