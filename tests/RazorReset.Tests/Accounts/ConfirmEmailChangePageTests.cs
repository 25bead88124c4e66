using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

public sealed class ConfirmEmailChangePageTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // U4: the app's page, naming the new address, with a next step for the signed-in owner
    public async Task FollowingTheLink_ChangesTheAddress_NamesIt_AndLeadsBackToTheAccount()
    {
        // Arrange
        var (browser, newEmail, link) = await AskForChangeAsync("change-here");
        using var session = browser;

        // Act
        var page = await ConfirmEmailChangePage.OpenAsync(browser, link, signedIn: true);
        var manage = await ManageEmailPage.VisitAsync(browser);
        var home = await HomePage.VisitAsync(browser);

        // Assert
        Assert.True(page.Changed);
        Assert.Equal(newEmail, page.NewEmail);
        Assert.Equal("/Identity/Account/Manage/Email", page.NextStep.GetAttribute("href"));
        Assert.Equal(newEmail, manage.CurrentEmail);
        Assert.Equal(newEmail, home.SignedInAs); // still signed in, and shown under the new address
        Assert.Null(manage.Status); // the outcome stayed on its own page
    }

    [Fact] // U4, F8: opened in another browser, the next step is signing in with the new address, which works
    public async Task FollowingTheLink_InAnotherBrowser_OffersSignIn_WithTheNewAddress()
    {
        var (browser, newEmail, link) = await AskForChangeAsync("change-elsewhere");
        using var session = browser;
        using var phone = factory.CreateBrowser();

        var page = await ConfirmEmailChangePage.OpenAsync(phone, link);

        Assert.True(page.Changed);
        Assert.Equal("/Identity/Account/Login", page.NextStep.GetAttribute("href"));
        Assert.True(await UserStories.CanSignInAsync(factory, newEmail, UserStories.GoodPassword));
    }

    [Fact] // U4, S4: a used link, a bad code and an unknown account get one 400 page with a way to a new link
    public async Task AnInvalidLink_GivesOne400Page_WithAWayToANewLink_WhetherOrNotTheAccountExists()
    {
        // Arrange
        var (browser, _, link) = await AskForChangeAsync("change-bad");
        using var session = browser;
        using var anonymous = factory.CreateBrowser();
        await ConfirmEmailChangePage.OpenAsync(anonymous, link);
        var query = QueryHelpers.ParseQuery(new Uri(link).Query);
        var badCode = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("not a token"));

        // Act
        var used = await ConfirmEmailChangePage.OpenAsync(anonymous, link);
        var known = await ConfirmEmailChangePage.OpenAsync(anonymous, $"/Identity/Account/ConfirmEmailChange?userId={query["userId"]}&email=a%40example.test&code={badCode}");
        var unknown = await ConfirmEmailChangePage.OpenAsync(anonymous, $"/Identity/Account/ConfirmEmailChange?userId={Guid.NewGuid()}&email=a%40example.test&code={badCode}");
        var garbled = await ConfirmEmailChangePage.OpenAsync(anonymous, "/Identity/Account/ConfirmEmailChange?userId=x&email=&code=%%%");

        // Assert
        Assert.False(used.Changed);
        Assert.False(known.Changed);
        Assert.False(garbled.Changed);
        Assert.Equal("/Identity/Account/Manage/Email", known.NextStep.GetAttribute("href"));
        Assert.Equal(known.Document.Body!.InnerHtml, unknown.Document.Body!.InnerHtml);
        Assert.Equal(known.Document.Body!.InnerHtml, used.Document.Body!.InnerHtml);
    }

    private async Task<(HttpClient Browser, string NewEmail, string Link)> AskForChangeAsync(string tag)
    {
        var email = UserStories.UniqueEmail(tag);
        var newEmail = UserStories.UniqueEmail($"{tag}-new");
        await UserStories.CreateUserAsync(factory, email);
        var browser = factory.CreateBrowser();
        await UserStories.SignInAsync(factory, browser, email, UserStories.GoodPassword);
        await (await ManageEmailPage.VisitAsync(browser)).ChangeAsync(newEmail);
        var message = await factory.Mailbox.WaitForAsync(newEmail, "Confirm");
        return (browser, newEmail, Mailbox.LinkIn(message.Html, "confirm-link"));
    }
}
