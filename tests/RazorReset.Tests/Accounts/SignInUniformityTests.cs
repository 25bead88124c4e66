using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Areas.Identity.Pages.Account;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

public sealed partial class SignInUniformityTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    public enum Account
    {
        Unknown,
        Confirmed,
        Unconfirmed,
        LockedOut,
    }

    [Fact] // S4 on sign-in: one password check and the same database commands for every address, and one answer
    public async Task RefusedSignIns_DoTheSameWork_AndAnswerAlike_WhetherOrNotTheAccountExists()
    {
        // Arrange
        var probe = new RequestProbe();
        var app = probe.Install(factory);
        var cases = new List<(Account Account, string Password)>
        {
            (Account.Unknown, "a wrong password here"),
            (Account.Confirmed, "a wrong password here"),
            (Account.Unconfirmed, "a wrong password here"),
            (Account.Unconfirmed, UserStories.GoodPassword),
            (Account.LockedOut, "a wrong password here"),
            (Account.LockedOut, UserStories.GoodPassword),
        };
        await SignInAsync(app, probe, await CreateAsync(app, Account.Unknown), "warming up the decoy hash");

        // Act
        var observed = new List<(string Case, RequestProbe.Observed Work, Answer Answer)>();
        foreach (var (account, password) in cases)
        {
            var email = await CreateAsync(app, account);
            var (work, answer) = await SignInAsync(app, probe, email, password);
            observed.Add(($"{account} / {password}", work, answer));
        }

        // Assert
        Assert.All(observed, o => Assert.True(o.Work.Verifications == 1 && o.Work.Hashes == 0, $"{o.Case}: {o.Work.Verifications} checks, {o.Work.Hashes} hashes"));
        Assert.All(observed, o => Assert.Equal(observed[0].Work.Commands, o.Work.Commands));
        Assert.All(observed, o => Assert.Equal(observed[0].Answer, o.Answer));
        Assert.Equal(HttpStatusCode.OK, observed[0].Answer.Status);
        Assert.NotEmpty(observed[0].Work.Commands);
        AssertTheOneRefusal(observed[0].Answer.Body);
    }

    /// <summary>The answer every refusal shares (issue 15, item 5): what happened and the next steps for every case.</summary>
    private static void AssertTheOneRefusal(string body)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body);
        var refused = HtmlAssert.HasElement(document, "sign-in-refused");
        Assert.Equal("alert", refused.GetAttribute("role"));
        Assert.Contains(LoginModel.RefusedMessage, refused.TextContent);
        Assert.Equal("/Forgot", HtmlAssert.HasLink(document, "refused-forgot").GetAttribute("href"));
        Assert.Equal("/Identity/Account/ResendEmailConfirmation", HtmlAssert.HasLink(document, "refused-resend").GetAttribute("href"));
        Assert.Equal("Input_Password", Assert.Single(document.QuerySelectorAll("[autofocus]")).Id);
        Assert.DoesNotContain("Invalid login attempt", body);
    }

    [Fact] // positive control for the test above: the probe sees a successful sign-in do more
    public async Task ASuccessfulSignIn_IsSeenByTheProbe_AsOneCheckAndARedirect()
    {
        var probe = new RequestProbe();
        var app = probe.Install(factory);
        var email = await CreateAsync(app, Account.Confirmed);

        var (work, answer) = await SignInAsync(app, probe, email, UserStories.GoodPassword);

        Assert.Equal(1, work.Verifications);
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
    }

    private static async Task<string> CreateAsync(WebApplicationFactory<Program> app, Account account)
    {
        var email = UserStories.UniqueEmail(account.ToString().ToLowerInvariant());
        if (account == Account.Unknown) return email;

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = account != Account.Unconfirmed };
        Assert.True((await users.CreateAsync(user, UserStories.GoodPassword)).Succeeded);
        if (account == Account.LockedOut) Assert.True((await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddDays(1))).Succeeded);
        return email;
    }

    private static async Task<(RequestProbe.Observed Work, Answer Answer)> SignInAsync(
        WebApplicationFactory<Program> app, RequestProbe probe, string email, string password)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await LoginPage.VisitAsync(client);
        HttpResponseMessage? response = null;
        var work = await probe.ObserveAsync(async () => response = await login.PostAsync(email, password));
        using (response)
        {
            var body = await response!.Content.ReadAsStringAsync();
            body = AntiforgeryToken().Replace(body.Replace(email, "ADDRESS", StringComparison.Ordinal), "TOKEN");
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join(";", set.Select(c => c.Split('=')[0])) : "";
            return (work, new Answer(response.StatusCode, response.Headers.Location?.OriginalString, cookies, body));
        }
    }

    private sealed record Answer(HttpStatusCode Status, string? Location, string Cookies, string Body);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryToken();
}
