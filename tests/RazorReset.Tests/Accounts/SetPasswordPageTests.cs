using Microsoft.EntityFrameworkCore;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

public sealed class SetPasswordPageTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // S10, U2: every reason at once, tied to its field, focus on the first
    public async Task ACommonPasswordWithAnEmptyConfirmation_ShowsBothReasonsAtOnce()
    {
        var (browser, _) = await SignedInWithoutAPasswordAsync("set-both");
        using var session = browser;
        var page = await SetPasswordPage.ReachedFromChangePasswordAsync(browser);

        using var response = await page.PostAsync("qwertyqwerty", "");

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("common or breached", HtmlAssert.ErrorTiedTo(document, "Input_NewPassword"));
        Assert.Contains("Type the new password again", HtmlAssert.ErrorTiedTo(document, "Input_ConfirmPassword"));
        Assert.Equal("Input_NewPassword", Assert.Single(document.QuerySelectorAll("[autofocus]")).Id);
    }

    [Fact] // U4, F8: success shown as success on the next page, and the password signs in
    public async Task AGoodPassword_IsSet_SaysSo_AndSignsIn()
    {
        var (browser, email) = await SignedInWithoutAPasswordAsync("set-ok");
        using var session = browser;
        var page = await SetPasswordPage.ReachedFromChangePasswordAsync(browser);

        var after = await page.SetAsync(UserStories.NewPassword);

        var status = Assert.IsAssignableFrom<AngleSharp.Html.Dom.IHtmlElement>(after.Status);
        Assert.Equal("status", status.GetAttribute("role"));
        Assert.Contains("Your password has been set", status.TextContent);
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
    }

    [Fact] // an account with a password changes it instead
    public async Task AnAccountWithAPassword_IsSentToChangePassword()
    {
        using var browser = factory.CreateBrowser();
        var email = UserStories.UniqueEmail("set-has");
        await UserStories.CreateUserAsync(factory, email);
        await UserStories.SignInAsync(factory, browser, email, UserStories.GoodPassword);

        using var response = await browser.GetAsync(SetPasswordPage.Path);

        ResponseAssert.IsRedirectTo(response, ChangePasswordPage.Path);
    }

    /// <summary>Signed in, then the password goes (as for an account made by an external sign-in), the session kept.</summary>
    private async Task<(HttpClient Browser, string Email)> SignedInWithoutAPasswordAsync(string tag)
    {
        var email = UserStories.UniqueEmail(tag);
        var user = await UserStories.CreateUserAsync(factory, email);
        var browser = factory.CreateBrowser();
        await UserStories.SignInAsync(factory, browser, email, UserStories.GoodPassword);
        await factory.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, (string?)null)));
        return (browser, email);
    }
}
