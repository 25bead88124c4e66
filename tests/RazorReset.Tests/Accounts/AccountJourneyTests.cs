using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

public sealed class AccountJourneyTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // F8
    public async Task Register_Confirm_SignIn_SignOut_ThroughTheRealForms()
    {
        // Arrange
        var email = UserStories.UniqueEmail("journey");

        // Act
        await UserStories.RegisterAndConfirmAsync(factory, email, UserStories.GoodPassword);
        using var browser = factory.CreateBrowser();
        var home = await UserStories.SignInAsync(factory, browser, email, UserStories.GoodPassword);
        var afterSignOut = await home.SignOutAsync();

        // Assert
        Assert.True(home.IsSignedIn);
        Assert.Equal(email, home.SignedInAs);
        Assert.False(afterSignOut.IsSignedIn);
    }

    [Fact] // F8: RequireConfirmedAccount
    public async Task SignIn_IsRefused_BeforeTheEmailIsConfirmed()
    {
        var email = UserStories.UniqueEmail("unconfirmed");
        using var client = factory.CreateBrowser();
        await (await RegisterPage.VisitAsync(client)).RegisterAsync(email, UserStories.GoodPassword);
        await factory.Mailbox.WaitForAsync(email, "Confirm"); // the account exists from here on

        Assert.False(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
    }

    [Fact] // F8, E3, S8
    public async Task ConfirmationEmail_IsMultipart_AndLinksToThePublicBaseUrl()
    {
        var email = UserStories.UniqueEmail("confirm");
        using var client = factory.CreateBrowser();
        client.DefaultRequestHeaders.Host = "evil.example";
        await (await RegisterPage.VisitAsync(client)).RegisterAsync(email, UserStories.GoodPassword);

        var message = await factory.Mailbox.WaitForAsync(email, "Confirm");

        var link = Mailbox.LinkIn(message.Html, "confirm-link");
        Assert.StartsWith("http://localhost:5080/Identity/Account/ConfirmEmail?", link);
        Assert.Contains(link, message.Text);
        Assert.Contains("Didn't ask for this?", message.Text);
        Assert.DoesNotContain("evil.example", message.Text + message.Html);
    }

    [Fact] // F9
    public async Task Development_SeedsAConfirmedDemoAccount_ThatCanSignIn()
    {
        Assert.True(await UserStories.CanSignInAsync(factory, "demo@razorreset.local", "correct horse battery staple"));
    }

    [Fact] // U2 on Identity UI's sign-in form: the first refused field carries its error and the focus
    public async Task SignIn_WithAnEmptyAddress_TiesTheErrorToTheField_AndFocusesIt()
    {
        using var client = factory.CreateBrowser();
        var login = await LoginPage.VisitAsync(client);

        using var response = await login.PostAsync("", "");

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("Enter your email address", HtmlAssert.ErrorTiedTo(document, "Input_Email"));
        Assert.Contains("Enter your password", HtmlAssert.ErrorTiedTo(document, "Input_Password"));
        var focused = Assert.Single(document.QuerySelectorAll("[autofocus]"));
        Assert.Equal("Input_Email", focused.Id);
    }
}

