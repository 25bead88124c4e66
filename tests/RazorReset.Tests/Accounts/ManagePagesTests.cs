using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

public sealed class ManagePagesTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // U4: success shown as success, in a status region that works without script
    public async Task ChangingThePassword_ShowsSuccessAsSuccess()
    {
        // Arrange
        using var browser = await SignedInBrowserAsync("change-ok");
        var page = await ChangePasswordPage.VisitAsync(browser);

        // Act
        var after = await page.ChangeAsync(UserStories.GoodPassword, UserStories.NewPassword);

        // Assert
        var status = Assert.IsAssignableFrom<AngleSharp.Html.Dom.IHtmlElement>(after.Status);
        Assert.Equal("status", status.GetAttribute("role"));
        Assert.Contains("alert-success", status.ClassList);
        Assert.True(status.HasAttribute("data-dismissible"));
        Assert.Contains("Your password has been changed", status.TextContent);
        Assert.Null(status.QuerySelector("button")); // the close button comes with the script (U1)
    }

    [Fact] // S10, U2: every reason at once, tied to its field, focus on the first
    public async Task ACommonPasswordWithAnEmptyConfirmation_ShowsBothReasonsAtOnce()
    {
        // Arrange
        using var browser = await SignedInBrowserAsync("change-both");
        var page = await ChangePasswordPage.VisitAsync(browser);

        // Act
        using var response = await page.PostAsync(UserStories.GoodPassword, "qwertyqwerty", "");

        // Assert
        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("common or breached", HtmlAssert.ErrorTiedTo(document, "Input_NewPassword"));
        Assert.Contains("Type the new password again", HtmlAssert.ErrorTiedTo(document, "Input_ConfirmPassword"));
        var focused = Assert.Single(document.QuerySelectorAll("[autofocus]"));
        Assert.Equal("Input_NewPassword", focused.Id);
        Assert.Null(document.QuerySelector(".validation-summary-errors"));
    }

    [Fact] // U2
    public async Task AWrongCurrentPassword_IsSaidByThatField()
    {
        using var browser = await SignedInBrowserAsync("change-wrong");
        var page = await ChangePasswordPage.VisitAsync(browser);

        using var response = await page.PostAsync("not my password at all", UserStories.NewPassword, UserStories.NewPassword);

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("not your current password", HtmlAssert.ErrorTiedTo(document, "Input_OldPassword"));
        Assert.Equal("Input_OldPassword", Assert.Single(document.QuerySelectorAll("[autofocus]")).Id);
    }

    [Fact] // U4, E3: the new address gets the link; the page says where it went
    public async Task ChangingTheEmail_MailsALinkToTheNewAddress_AndSaysSo()
    {
        // Arrange
        var email = UserStories.UniqueEmail("email-old");
        var newEmail = UserStories.UniqueEmail("email-new");
        using var browser = await SignedInBrowserAsync(email: email);
        var page = await ManageEmailPage.VisitAsync(browser);

        // Act
        var after = await page.ChangeAsync(newEmail);
        var message = await factory.Mailbox.WaitForAsync(newEmail, "Confirm");
        using var confirmed = await browser.GetAsync(new Uri(Mailbox.LinkIn(message.Html, "confirm-link")).PathAndQuery);
        var reloaded = await ManageEmailPage.VisitAsync(browser);

        // Assert
        Assert.Equal(email, page.CurrentEmail);
        Assert.Contains(newEmail, after.Status!.TextContent);
        Assert.Equal("status", after.Status.GetAttribute("role"));
        Assert.Equal(newEmail, reloaded.CurrentEmail);
    }

    [Fact] // U2
    public async Task TheSameEmail_IsRefusedByTheField()
    {
        var email = UserStories.UniqueEmail("email-same");
        using var browser = await SignedInBrowserAsync(email: email);
        var page = await ManageEmailPage.VisitAsync(browser);

        using var response = await page.PostAsync(email);

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("already your email address", HtmlAssert.ErrorTiedTo(document, "Input_NewEmail"));
    }

    [Fact] // U4: the home page knows who is there
    public async Task TheHomePage_SpeaksToTheSignedInUser_AndOffersNoSignIn()
    {
        using var anonymous = factory.CreateBrowser();
        var signedOut = await HomePage.VisitAsync(anonymous);
        using var browser = await SignedInBrowserAsync("home");

        var signedIn = await HomePage.VisitAsync(browser);

        Assert.NotNull(signedOut.Document.GetElementById("signin-link"));
        Assert.NotNull(signedOut.Document.GetElementById("forgot-link"));
        Assert.Null(signedIn.Document.GetElementById("signin-link"));
        Assert.Null(signedIn.Document.GetElementById("forgot-link"));
        Assert.Equal(signedIn.SignedInAs, HtmlAssert.HasElement(signedIn.Document, "home-account").TextContent);
        Assert.Equal("/Identity/Account/Manage", HtmlAssert.HasLink(signedIn.Document, "home-manage-link").GetAttribute("href"));
    }

    private async Task<HttpClient> SignedInBrowserAsync(string tag = "manage", string? email = null)
    {
        email ??= UserStories.UniqueEmail(tag);
        await UserStories.CreateUserAsync(factory, email);
        var browser = factory.CreateBrowser();
        await UserStories.SignInAsync(factory, browser, email, UserStories.GoodPassword);
        return browser;
    }
}
