using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

/// <summary>U2 on the Identity UI pages still served from the library: the same attributes the app's pages get.</summary>
public sealed class LibraryPagesTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // U2: the profile page's refused phone number is tied to its field and focused
    public async Task TheProfilePage_TiesARefusedFieldToItsMessage_AndFocusesIt()
    {
        var email = UserStories.UniqueEmail("library");
        await UserStories.CreateUserAsync(factory, email);
        using var browser = factory.CreateBrowser();
        await UserStories.SignInAsync(factory, browser, email, UserStories.GoodPassword);
        using var profile = await browser.GetAsync("/Identity/Account/Manage");
        var form = HtmlAssert.HasForm(await ResponseAssert.IsHtmlDocumentAsync(profile), "profile-form");

        using var response = await browser.SendAsync(form, new Dictionary<string, string> { ["Input.PhoneNumber"] = "not a phone number" });

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.NotEmpty(HtmlAssert.ErrorTiedTo(document, "Input_PhoneNumber"));
        Assert.Equal("Input_PhoneNumber", Assert.Single(document.QuerySelectorAll("[autofocus]")).Id);
    }
}
