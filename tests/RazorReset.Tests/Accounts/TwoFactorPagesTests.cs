using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

public sealed class TwoFactorPagesTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Theory] // S3: reached while two-factor sign-in is off, they say so; Identity UI's threw (500)
    [InlineData(TwoFactorPages.Disable)]
    [InlineData(TwoFactorPages.GenerateRecoveryCodes)]
    public async Task WhileTwoFactorIsOff_ThePagesThatNeedIt_SendYouToTheOverview_AndChangeNothing(string path)
    {
        // Arrange
        var (browser, email) = await SignedInAsync("2fa-off");
        using var _ = browser;
        var setup = await TwoFactorPages.VisitAsync(browser, TwoFactorPages.EnableAuthenticator);
        var token = HtmlAssert.HasForm(setup.Document, "create-key-form").QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // Act
        using var get = await browser.GetAsync(path);
        using var post = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        // Assert
        ResponseAssert.IsRedirectTo(get, TwoFactorPages.Overview);
        ResponseAssert.IsRedirectTo(post, TwoFactorPages.Overview);
        var overview = await TwoFactorPages.VisitAsync(browser, TwoFactorPages.Overview);
        Assert.Contains("Two-factor sign-in is off", overview.Status?.TextContent);
        Assert.Equal((false, null, 0), await TwoFactorStateAsync(email));
    }

    [Fact] // S9: showing the set-up page creates no key; pressing its button does
    public async Task ShowingTheSetUpPage_WritesNoKey_UntilTheUserAsksForOne()
    {
        // Arrange
        var (browser, email) = await SignedInAsync("2fa-get");
        using var _ = browser;

        // Act
        var page = await TwoFactorPages.VisitAsync(browser, TwoFactorPages.EnableAuthenticator);
        var keyAfterGet = (await TwoFactorStateAsync(email)).Key;
        var withKey = await page.PressAsync("create-key-form", TwoFactorPages.EnableAuthenticator);

        // Assert
        Assert.Null(keyAfterGet);
        Assert.Null(page.Document.GetElementById("shared-key"));
        var key = (await TwoFactorStateAsync(email)).Key;
        Assert.NotNull(key);
        Assert.Equal(key, HtmlAssert.HasElement(withKey.Document, "shared-key").TextContent.Replace(" ", "", StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase);
        Assert.StartsWith("otpauth://totp/", HtmlAssert.HasLink(withKey.Document, "authenticator-uri").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact] // S3, U2: a wrong code is said by its field; the right one turns it on, then codes can be renewed and it can be turned off
    public async Task SettingUpAnAuthenticator_TurnsTwoFactorOn_WithRecoveryCodes_AndOffAgain()
    {
        // Arrange
        var (browser, email) = await SignedInAsync("2fa-journey");
        using var _ = browser;
        var page = await (await TwoFactorPages.VisitAsync(browser, TwoFactorPages.EnableAuthenticator)).PressAsync("create-key-form", TwoFactorPages.EnableAuthenticator);
        var right = page.CodeFromTheApp();
        var wrong = string.Concat(right.Select((digit, i) => i == 0 ? (char)('0' + (digit - '0' + 1) % 10) : digit));

        // Act + Assert: a wrong code
        using (var refused = await page.SendCodeAsync(wrong))
        {
            var document = await ResponseAssert.IsHtmlDocumentAsync(refused);
            Assert.Contains("does not match", HtmlAssert.ErrorTiedTo(document, "Input_Code"));
            Assert.False((await TwoFactorStateAsync(email)).Enabled);
        }

        // the right one
        using var accepted = await page.SendCodeAsync(right);
        ResponseAssert.IsRedirectTo(accepted, TwoFactorPages.ShowRecoveryCodes);
        var first = await TwoFactorPages.VisitAsync(browser, accepted.Headers.Location!.OriginalString);
        Assert.Equal(10, first.RecoveryCodes.Count);
        Assert.Equal((true, 10), ((await TwoFactorStateAsync(email)).Enabled, (await TwoFactorStateAsync(email)).RecoveryCodes));

        // new recovery codes replace the old ones
        var renewed = await (await TwoFactorPages.VisitAsync(browser, TwoFactorPages.GenerateRecoveryCodes)).PressAsync("generate-recovery-codes-form", TwoFactorPages.ShowRecoveryCodes);
        Assert.Equal(10, renewed.RecoveryCodes.Count);
        Assert.Empty(renewed.RecoveryCodes.Intersect(first.RecoveryCodes));

        // and off again
        var overview = await (await TwoFactorPages.VisitAsync(browser, TwoFactorPages.Disable)).PressAsync("disable-2fa-form", TwoFactorPages.Overview);
        Assert.Contains("Two-factor sign-in is off", overview.Status?.TextContent);
        Assert.False((await TwoFactorStateAsync(email)).Enabled);
    }

    private async Task<(HttpClient Browser, string Email)> SignedInAsync(string tag)
    {
        var email = UserStories.UniqueEmail(tag);
        await UserStories.CreateUserAsync(factory, email);
        var browser = factory.CreateBrowser();
        await UserStories.SignInAsync(factory, browser, email, UserStories.GoodPassword);
        return (browser, email);
    }

    private async Task<(bool Enabled, string? Key, int RecoveryCodes)> TwoFactorStateAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return (await users.GetTwoFactorEnabledAsync(user), await users.GetAuthenticatorKeyAsync(user), await users.CountRecoveryCodesAsync(user));
    }
}
