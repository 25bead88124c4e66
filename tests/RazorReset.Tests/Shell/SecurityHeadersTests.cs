using System.Net;
using AngleSharp.Html.Dom;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Shell;

public sealed class SecurityHeadersTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    public static TheoryData<string> AnonymousPages =>
    [
        "/",
        "/Forgot",
        "/Forgot/Sent",
        "/ResetLink",
        "/NewPassword",
        "/NewPassword/Done",
        "/dev/mail",
        "/Status/429",
        "/no-such-page",
        "/Identity/Account/Login",
        "/Identity/Account/Register",
        "/Identity/Account/RegisterConfirmation",
        "/Identity/Account/ResendEmailConfirmation",
        "/Identity/Account/AccessDenied",
    ];

    public static TheoryData<string> SignedInPages =>
    [
        "/Identity/Account/Manage",
        "/Identity/Account/Manage/Email",
        "/Identity/Account/Manage/ChangePassword",
        "/Identity/Account/Manage/TwoFactorAuthentication",
        "/Identity/Account/Manage/PersonalData",
    ];

    [Theory, MemberData(nameof(AnonymousPages))] // S7
    public async Task EveryPage_SendsTheSecurityHeaders_AndHasNoInlineScriptOrStyle(string path)
    {
        using var client = factory.CreateBrowser();
        using var response = await client.GetAsync(path);
        await AssertSecurePageAsync(response);
    }

    [Theory, MemberData(nameof(SignedInPages))] // S7, F8
    public async Task EveryAccountPage_SendsTheSecurityHeaders_AndHasNoInlineScriptOrStyle(string path)
    {
        var email = UserStories.UniqueEmail("headers");
        await UserStories.CreateUserAsync(factory, email);
        using var client = factory.CreateBrowser();
        await UserStories.SignInAsync(factory, client, email, UserStories.GoodPassword);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertSecurePageAsync(response);
    }

    [Fact] // S7
    public async Task StaticAssets_AlsoCarryTheHeaders()
    {
        using var client = factory.CreateBrowser();
        using var response = await client.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    private static async Task AssertSecurePageAsync(HttpResponseMessage response)
    {
        Assert.Equal(
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'",
            Header(response, "Content-Security-Policy"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        var document = await HtmlHelpers.GetDocumentAsync(response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(document.QuerySelectorAll("style"));
        foreach (var script in document.QuerySelectorAll("script").OfType<IHtmlScriptElement>())
        {
            Assert.False(string.IsNullOrEmpty(script.Source), "An inline <script> would break the CSP.");
            Assert.True(string.IsNullOrWhiteSpace(script.TextContent), "An inline <script> would break the CSP.");
            Assert.StartsWith("/", script.GetAttribute("src")); // same origin, no CDN
        }

        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
