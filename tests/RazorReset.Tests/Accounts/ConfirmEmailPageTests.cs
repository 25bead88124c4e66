using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

public sealed class ConfirmEmailPageTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // U4: a next step, and the message stays on its own page
    public async Task ConfirmingAnEmail_OffersSignIn_AndTheMessageDoesNotFollowToTheManagePage()
    {
        // Arrange
        var email = UserStories.UniqueEmail("confirm-page");
        var user = await UserStories.CreateUserAsync(factory, email, confirmed: false);
        using var browser = factory.CreateBrowser();

        // Act
        var page = await ConfirmEmailPage.OpenAsync(browser, await ConfirmationPathAsync(user));
        await UserStories.SignInAsync(factory, browser, email, UserStories.GoodPassword);
        using var manage = await browser.GetAsync("/Identity/Account/Manage");
        var manageDocument = await ResponseAssert.IsHtmlDocumentAsync(manage);

        // Assert
        Assert.True(page.Confirmed);
        Assert.Contains("Thank you for confirming your email", page.Document.Body!.TextContent);
        Assert.Equal("/Identity/Account/Login", page.NextStep.GetAttribute("href"));
        Assert.Null(manageDocument.GetElementById("status-message"));
        Assert.DoesNotContain("Thank you for confirming", manageDocument.Body!.TextContent);
    }

    [Fact] // U4, S4: one page for a bad code and an unknown account, with a way to get a new link
    public async Task AnInvalidLink_GivesOne400Page_WithAWayToANewLink_WhetherOrNotTheAccountExists()
    {
        // Arrange
        var user = await UserStories.CreateUserAsync(factory, UserStories.UniqueEmail("confirm-bad"), confirmed: false);
        var badCode = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("not a token"));
        using var browser = factory.CreateBrowser();

        // Act
        var known = await ConfirmEmailPage.OpenAsync(browser, $"/Identity/Account/ConfirmEmail?userId={user.Id}&code={badCode}");
        var unknown = await ConfirmEmailPage.OpenAsync(browser, $"/Identity/Account/ConfirmEmail?userId={Guid.NewGuid()}&code={badCode}");
        var garbled = await ConfirmEmailPage.OpenAsync(browser, "/Identity/Account/ConfirmEmail?userId=x&code=%%%");

        // Assert
        Assert.False(known.Confirmed);
        Assert.Equal("/Identity/Account/ResendEmailConfirmation", known.NextStep.GetAttribute("href"));
        Assert.Equal(known.Document.Body!.InnerHtml, unknown.Document.Body!.InnerHtml);
        Assert.False(garbled.Confirmed);
    }

    private async Task<string> ConfirmationPathAsync(IdentityUser user)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var token = await users.GenerateEmailConfirmationTokenAsync((await users.FindByIdAsync(user.Id))!);
        return $"/Identity/Account/ConfirmEmail?userId={user.Id}&code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";
    }
}
