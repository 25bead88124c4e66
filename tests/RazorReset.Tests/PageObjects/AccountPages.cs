using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PageObjects;

public sealed class LoginPage : HtmlPage
{
    private LoginPage(HttpClient client, IHtmlDocument document) : base(client, document) =>
        Form = HtmlAssert.HasForm(document, "account");

    public IHtmlFormElement Form { get; }

    public static async Task<LoginPage> VisitAsync(HttpClient client) =>
        new(client, await GetAsync(client, "/Identity/Account/Login"));

    public Task<HttpResponseMessage> PostAsync(string email, string password) =>
        Client.SendAsync(Form, HtmlAssert.HasElement(Document, "login-submit"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>
    /// Signs in and returns the home page, now showing the signed-in state. Lockout and two-factor
    /// answers are redirects too, so where it goes and the cookie it sets are what prove success.
    /// </summary>
    public async Task<HomePage> LoginValidUserAsync(string email, string password)
    {
        using var response = await PostAsync(email, password);
        AssertSignedIn(response);
        var home = new HomePage(Client, await FollowAsync(Client, response, "/"));
        Assert.True(home.IsSignedIn, "The home page does not show the signed-in state after signing in.");
        return home;
    }

    /// <summary>A refused sign-in stays on the login page with an error.</summary>
    public async Task<bool> IsRefusedAsync(string email, string password)
    {
        using var response = await PostAsync(email, password);
        return response.StatusCode == System.Net.HttpStatusCode.OK;
    }

    /// <summary>The answer of a successful sign-in: home, with the authentication cookie issued.</summary>
    public static void AssertSignedIn(HttpResponseMessage response)
    {
        ResponseAssert.IsRedirectTo(response, "/");
        var cookie = $".AspNetCore.{IdentityConstants.ApplicationScheme}=";
        Assert.True(
            response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(cookie, StringComparison.Ordinal) && c.Length > cookie.Length + 1),
            "Signing in issued no authentication cookie.");
    }
}

public sealed class HomePage : HtmlPage
{
    public HomePage(HttpClient client, IHtmlDocument document) : base(client, document)
    {
    }

    public static async Task<HomePage> VisitAsync(HttpClient client) => new(client, await GetAsync(client, "/"));

    public bool IsSignedIn => Document.GetElementById("logout-form") is not null;

    public string? SignedInAs => Document.GetElementById("manage-link")?.TextContent.Trim();

    public async Task<HomePage> SignOutAsync()
    {
        var form = HtmlAssert.HasForm(Document, "logout-form");
        using var response = await Client.SendAsync(form, HtmlAssert.HasElement(Document, "logout-submit"));
        return new HomePage(Client, await FollowAsync(Client, response, "/"));
    }
}
