using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using RazorReset.PasswordReset;
using RazorReset.Tests.Api;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

/// <summary>
/// F4, F5, S3, A2: the reset's own preconditions, one missing at a time, against a genuine form
/// opened from a genuine link: never a 5xx, never a changed password or account.
/// </summary>
public sealed class ResetPreconditionTests(FakeClockRazorResetFactory factory) : IClassFixture<FakeClockRazorResetFactory>
{
    private static readonly Uri NewPasswordAddress = new("http://localhost/NewPassword");

    public static TheoryData<string> MissingCookies => ["no reset cookie", "tampered reset cookie", "expired reset cookie"];

    public static TheoryData<string> BadAntiforgery => ["no antiforgery token", "forged antiforgery token", "another browser's antiforgery token"];

    public static TheoryData<string> BadApiRequests => ["bad token", "no token", "another account's token", "unknown user", "malformed JSON", "form body"];

    [Theory, MemberData(nameof(MissingCookies))] // F5: with a valid antiforgery token, so the page's own guard is what answers
    public async Task NewPasswordPost_WithoutAValidResetCookie_GivesTheInvalidLinkPage_AndChangesNothing(string precondition)
    {
        // Arrange
        var (cookies, page, _) = await OpenFormAsync(precondition);
        BreakResetCookie(cookies, precondition);
        var before = await StateSnapshot.TakeAsync(factory);

        // Act
        using var post = await page.PostAsync(UserStories.NewPassword);
        using var get = await page.Client.GetAsync("/NewPassword");

        // Assert
        await InvalidLinkPage.AssertAsync(post);
        await InvalidLinkPage.AssertAsync(get);
        Assert.Equal(before, await StateSnapshot.TakeAsync(factory));
    }

    [Theory, MemberData(nameof(BadAntiforgery))] // S3
    public async Task NewPasswordPost_WithoutAValidAntiforgeryToken_Is400_AndChangesNothing(string precondition)
    {
        // Arrange
        var (_, page, email) = await OpenFormAsync(precondition);
        var token = Assert.IsAssignableFrom<IHtmlInputElement>(page.Form["__RequestVerificationToken"]);
        switch (precondition)
        {
            case "no antiforgery token":
                token.Remove();
                break;
            case "forged antiforgery token":
                token.Value = "CfDJ8" + new string('A', 150);
                break;
            default:
                using (var other = factory.CreateBrowser())
                {
                    var foreign = await ForgotPage.VisitAsync(other);
                    token.Value = Assert.IsAssignableFrom<IHtmlInputElement>(foreign.Form["__RequestVerificationToken"]).Value;
                }

                break;
        }

        var before = await StateSnapshot.TakeAsync(factory);

        // Act
        using var response = await page.PostAsync(UserStories.NewPassword);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await StateSnapshot.TakeAsync(factory));
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
    }

    [Theory, MemberData(nameof(BadApiRequests))] // A2, A3
    public async Task ApiPatch_WithABadTokenOrBody_Is400Or415_AndChangesNothing(string precondition)
    {
        // Arrange
        var email = UserStories.UniqueEmail("api-precondition");
        var other = UserStories.UniqueEmail("api-other");
        await UserStories.CreateUserAsync(factory, email);
        await UserStories.CreateUserAsync(factory, other);
        using var app = new ResetPasswordApiClient(factory);
        var link = EmailedLink.Parse(await UserStories.RequestResetLinkAsync(factory, email));
        var otherLink = EmailedLink.Parse(await UserStories.RequestResetLinkAsync(factory, other));
        await factory.WaitForOutboxDrainedAsync();
        var before = await StateSnapshot.TakeAsync(factory);

        // Act
        using var response = precondition switch
        {
            "bad token" => await app.ResetAsync(link with { Token = link.Token[..^4] + "AAAA" }, UserStories.NewPassword),
            "no token" => await app.ResetAsync(new { userId = link.UserId, password = UserStories.NewPassword }),
            "another account's token" => await app.ResetAsync(link with { Token = otherLink.Token }, UserStories.NewPassword),
            "unknown user" => await app.ResetAsync(link with { UserId = Guid.NewGuid().ToString() }, UserStories.NewPassword),
            "malformed JSON" => await app.Http.PatchAsync(ResetPasswordApiClient.Route, new StringContent("{\"userId\":", System.Text.Encoding.UTF8, "application/json")),
            _ => await app.Http.PatchAsync(ResetPasswordApiClient.Route, new FormUrlEncodedContent(new Dictionary<string, string> { ["userId"] = link.UserId, ["token"] = link.Token, ["password"] = UserStories.NewPassword })),
        };

        // Assert
        Assert.Equal(precondition == "form body" ? HttpStatusCode.UnsupportedMediaType : HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await StateSnapshot.TakeAsync(factory));
        using var genuine = await app.ResetAsync(link, UserStories.NewPassword); // the link itself still works
        Assert.Equal(HttpStatusCode.NoContent, genuine.StatusCode);
    }

    /// <summary>A browser whose jar the test can reach, with the new-password form open from a genuine link.</summary>
    private async Task<(CookieContainer Cookies, NewPasswordPage Page, string Email)> OpenFormAsync(string tag)
    {
        var email = UserStories.UniqueEmail(tag.Replace(' ', '-').Replace("'", ""));
        await UserStories.CreateUserAsync(factory, email);
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        await factory.WaitForOutboxDrainedAsync();
        var cookies = new CookieContainer();
        var page = await NewPasswordPage.OpenFromLinkAsync(factory.CreateBrowser(cookies), link);
        Assert.NotNull(cookies.GetCookies(NewPasswordAddress)[ResetCookie.Name]);
        return (cookies, page, email);
    }

    private void BreakResetCookie(CookieContainer cookies, string how)
    {
        var cookie = cookies.GetCookies(NewPasswordAddress)[ResetCookie.Name]!;
        switch (how)
        {
            case "no reset cookie":
                cookie.Expired = true;
                break;
            case "tampered reset cookie":
                var middle = cookie.Value.Length / 2;
                cookie.Value = cookie.Value[..middle] + (cookie.Value[middle] == 'A' ? 'B' : 'A') + cookie.Value[(middle + 1)..];
                break;
            default:
                factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1)); // the default cookie lifetime, F4
                break;
        }
    }
}
