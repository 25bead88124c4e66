using System.Net;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

public sealed class RetiredIdentityPagesTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Theory] // F7
    [InlineData("GET", "/Identity/Account/ForgotPassword")]
    [InlineData("POST", "/Identity/Account/ForgotPassword")]
    [InlineData("GET", "/Identity/Account/ForgotPasswordConfirmation")]
    [InlineData("GET", "/Identity/Account/ResetPassword?code=abc")]
    [InlineData("POST", "/Identity/Account/ResetPassword")]
    [InlineData("GET", "/identity/account/resetpasswordconfirmation")]
    public async Task IdentityUisOwnResetPages_RedirectToForgot(string method, string path)
    {
        using var client = factory.CreateBrowser();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/Forgot", response.Headers.Location!.OriginalString);
    }

    [Fact] // F7
    public async Task TheSignInPagesForgotLink_LeadsToForgot()
    {
        using var client = factory.CreateBrowser();
        var login = await LoginPage.VisitAsync(client);
        var link = HtmlAssert.HasLink(login.Document, "forgot-password");

        using var response = await client.GetAsync(link.GetAttribute("href"));
        using var forgot = await client.GetAsync(response.Headers.Location);

        Assert.Equal("/Forgot", response.Headers.Location!.OriginalString);
        HtmlAssert.HasForm(await ResponseAssert.IsHtmlDocumentAsync(forgot), "forgot-form");
    }
}
