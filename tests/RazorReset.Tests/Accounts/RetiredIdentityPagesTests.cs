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

        using var forgot = await client.GetAsync(link.GetAttribute("href"));

        Assert.Equal("/Forgot", link.GetAttribute("href"));
        HtmlAssert.HasForm(await ResponseAssert.IsHtmlDocumentAsync(forgot), "forgot-form");
    }

    [Fact] // U3: the sign-in page speaks as the rest of the app does
    public async Task TheSignInPage_SaysSignIn_AndOffersTheWaysOn()
    {
        using var client = factory.CreateBrowser();
        var login = await LoginPage.VisitAsync(client);

        Assert.Equal("Sign in", login.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Sign in", HtmlAssert.HasElement(login.Document, "login-submit").TextContent.Trim());
        Assert.DoesNotContain("Log in", login.Document.Body!.TextContent);
        Assert.Equal("username", HtmlAssert.HasElement(login.Document, "Input_Email").GetAttribute("autocomplete"));
        Assert.Equal("current-password", HtmlAssert.HasElement(login.Document, "Input_Password").GetAttribute("autocomplete"));
        Assert.StartsWith("/Identity/Account/Register", HtmlAssert.HasLink(login.Document, "register-link").GetAttribute("href"));
        Assert.Equal("/Identity/Account/ResendEmailConfirmation", HtmlAssert.HasLink(login.Document, "resend-confirmation").GetAttribute("href"));
    }
}
