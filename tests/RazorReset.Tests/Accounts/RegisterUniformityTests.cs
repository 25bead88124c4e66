using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

/// <summary>
/// S4 on register and resend confirmation (issue 13): an address with an account, an unconfirmed
/// one, one whose owner has had this hour's mail and one without an account get the same answer,
/// run the same database commands (none on the users table) and the same password hashing. What
/// differs is only the email the processor sends afterwards, read from smtp4dev with MimeKit.
/// Provider-neutral: each subclass names the database its hosts run on.
/// </summary>
public abstract partial class RegisterUniformityTests
{
    private const string AccountExistsSubject = "You already have a RazorReset account";

    public enum Address
    {
        Unknown,
        Confirmed,
        Unconfirmed,
        Throttled,
    }

    [Fact] // S4, S6, S10
    public async Task Register_AnswersAlike_RunsTheSameCommands_AndHashesOnce_WhetherOrNotTheAddressHasAnAccount()
    {
        // Arrange
        var smtp4dev = await Smtp4devServer.SharedAsync();
        await using var factory = Host(Settings(smtp4dev));
        var probe = new RequestProbe();
        var app = probe.Install(factory);
        var addresses = await ArrangeAsync(factory, smtp4dev);
        await ObserveAsync(app, probe, OpenRegisterAsync, UserStories.UniqueEmail("warm"));

        // Act
        var observed = new Dictionary<Address, Observation>();
        foreach (var (kind, email) in addresses) observed[kind] = await ObserveAsync(app, probe, OpenRegisterAsync, email);

        // Assert: nothing the visitor sees or the request does depends on the address
        AssertUniform(observed, hashes: 1);
        Assert.Contains("We have sent a message to <strong id=\"confirmation-address\">ADDRESS</strong>.", observed[Address.Unknown].NextPage);

        // Assert (positive control): a new account with its confirmation; the owners told, their passwords untouched
        var confirmation = await smtp4dev.WaitForAsync(addresses[Address.Unknown]);
        Assert.Equal("Confirm your RazorReset email address", confirmation.Subject);
        Assert.StartsWith("http://localhost:5080/Identity/Account/ConfirmEmail?userId=", Mailbox.LinkIn(confirmation.Html, "confirm-link"));
        foreach (var owner in new[] { Address.Confirmed, Address.Unconfirmed })
        {
            var notice = await smtp4dev.WaitForAsync(addresses[owner]);
            AssertIsAccountExistsNotice(notice);
        }

        await factory.WaitForAccountRequestsProcessedAsync();
        await factory.WaitForOutboxDrainedAsync();
        Assert.Single(await smtp4dev.MessagesToAsync(addresses[Address.Throttled])); // the arranged one only (S6)
        Assert.True(await UserStories.CanSignInAsync(factory, addresses[Address.Confirmed], UserStories.GoodPassword));
        Assert.False(await UserStories.CanSignInAsync(factory, addresses[Address.Confirmed], UserStories.NewPassword));
    }

    [Fact] // S4, S6, issue 15 item 1
    public async Task ResendConfirmation_AnswersAlike_AndRunsTheSameCommands_WhetherOrNotTheAddressHasAnAccount()
    {
        // Arrange
        var smtp4dev = await Smtp4devServer.SharedAsync();
        await using var factory = Host(Settings(smtp4dev));
        var probe = new RequestProbe();
        var app = probe.Install(factory);
        var addresses = await ArrangeAsync(factory, smtp4dev);
        await ObserveAsync(app, probe, OpenResendAsync, UserStories.UniqueEmail("warm"));

        // Act
        var observed = new Dictionary<Address, Observation>();
        foreach (var (kind, email) in addresses) observed[kind] = await ObserveAsync(app, probe, OpenResendAsync, email);

        // Assert: the same answer, shown as success
        AssertUniform(observed, hashes: 0);
        Assert.Contains("If <strong id=\"confirmation-address\">ADDRESS</strong> has an account, we have sent a message to it.", observed[Address.Unknown].NextPage);

        // Assert (positive control): a fresh link for the unconfirmed account, a notice for the confirmed one, nothing else
        var confirmation = await smtp4dev.WaitForAsync(addresses[Address.Unconfirmed]);
        Assert.Equal("Confirm your RazorReset email address", confirmation.Subject);
        AssertIsAccountExistsNotice(await smtp4dev.WaitForAsync(addresses[Address.Confirmed]));
        await factory.WaitForAccountRequestsProcessedAsync();
        await factory.WaitForOutboxDrainedAsync();
        Assert.Empty(await smtp4dev.MessagesToAsync(addresses[Address.Unknown]));
        Assert.Single(await smtp4dev.MessagesToAsync(addresses[Address.Throttled]));
    }

    protected abstract RazorResetFactory Host(IDictionary<string, string?> settings);

    /// <summary>One notice an hour per account here, so the throttled address needs one earlier request.</summary>
    private static Dictionary<string, string?> Settings(Smtp4devServer smtp4dev) =>
        new(smtp4dev.SmtpSettings) { ["PasswordReset:MaxEmailsPerAccountPerHour"] = "1" };

    /// <summary>Addresses of one length, so that even the encrypted TempData cookie is the same size for each.</summary>
    private static async Task<Dictionary<Address, string>> ArrangeAsync(RazorResetFactory factory, Smtp4devServer smtp4dev)
    {
        var addresses = Enum.GetValues<Address>().ToDictionary(kind => kind, _ => UserStories.UniqueEmail("addr"));
        await UserStories.CreateUserAsync(factory, addresses[Address.Confirmed]);
        await UserStories.CreateUserAsync(factory, addresses[Address.Unconfirmed], confirmed: false);
        await UserStories.CreateUserAsync(factory, addresses[Address.Throttled]);
        using var client = factory.CreateBrowser();
        await (await ResendConfirmationPage.VisitAsync(client)).ResendAsync(addresses[Address.Throttled]);
        AssertIsAccountExistsNotice(await smtp4dev.WaitForAsync(addresses[Address.Throttled]));
        return addresses;
    }

    private static void AssertUniform(Dictionary<Address, Observation> observed, int hashes)
    {
        var unknown = observed[Address.Unknown];
        Assert.Equal(HttpStatusCode.Found, unknown.Status);
        Assert.Equal(RegisterConfirmationPage.Path, unknown.Location);
        Assert.Contains(unknown.Commands, c => c.Contains("AccountRequests", StringComparison.Ordinal)); // the capture sees the insert
        foreach (var (kind, o) in observed)
        {
            Assert.True(o.Hashes == hashes && o.Verifications == 0, $"{kind}: {o.Hashes} hashes, {o.Verifications} checks");
            Assert.True(unknown.Commands.SequenceEqual(o.Commands), $"{kind} ran{Environment.NewLine}{string.Join(Environment.NewLine, o.Commands)}");
            Assert.DoesNotContain(o.Commands, c => c.Contains("AspNetUsers", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(unknown with { Commands = [] }, o with { Commands = [] });
        }
    }

    private static void AssertIsAccountExistsNotice(ReceivedMail notice)
    {
        Assert.Equal(AccountExistsSubject, notice.Subject);
        Assert.Equal("http://localhost:5080/Identity/Account/Login", Mailbox.LinkIn(notice.Html, "signin-link"));
        Assert.Equal("http://localhost:5080/Forgot", Mailbox.LinkIn(notice.Html, "forgot-link"));
        Assert.Contains("http://localhost:5080/Forgot", notice.Text);
        Assert.Contains("Didn't ask for this?", notice.Text);
    }

    private static async Task<Func<string, Task<HttpResponseMessage>>> OpenRegisterAsync(HttpClient client)
    {
        var page = await RegisterPage.VisitAsync(client);
        return email => page.PostAsync(email, UserStories.NewPassword);
    }

    private static async Task<Func<string, Task<HttpResponseMessage>>> OpenResendAsync(HttpClient client)
    {
        var page = await ResendConfirmationPage.VisitAsync(client);
        return page.PostAsync;
    }

    /// <summary>Opens the form outside the probe, submits it under the probe, and reads the next page as a browser would.</summary>
    private static async Task<Observation> ObserveAsync(
        WebApplicationFactory<Program> app, RequestProbe probe, Func<HttpClient, Task<Func<string, Task<HttpResponseMessage>>>> open, string email)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var submit = await open(client);
        HttpResponseMessage? response = null;
        var work = await probe.ObserveAsync(async () => response = await submit(email));
        using (response)
        {
            var location = response!.Headers.Location?.OriginalString;
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set.Select(CookieShape)) : "";
            var body = await response.Content.ReadAsStringAsync();
            using var next = location is null ? null : await client.GetAsync(location);
            var nextPage = next is null ? "" : await next.Content.ReadAsStringAsync();
            return new Observation(work.Commands, work.Hashes, work.Verifications, response.StatusCode, location, cookies,
                Mask(body, email), Mask(nextPage, email));
        }
    }

    private static string CookieShape(string setCookie)
    {
        var (name, rest) = (setCookie[..setCookie.IndexOf('=')], setCookie[(setCookie.IndexOf('=') + 1)..]);
        var value = rest.Split(';')[0];
        return $"{name}=[{value.Length}]{rest[value.Length..]}";
    }

    private static string Mask(string html, string email) => AntiforgeryToken().Replace(html.Replace(email, "ADDRESS", StringComparison.Ordinal), "TOKEN");

    private sealed record Observation(
        IReadOnlyList<string> Commands, int Hashes, int Verifications, HttpStatusCode Status, string? Location, string Cookies, string Body, string NextPage)
    {
        // Records compare lists by reference; the commands are compared on their own.
        public bool Equals(Observation? other) =>
            other is not null && Hashes == other.Hashes && Verifications == other.Verifications && Status == other.Status &&
            Location == other.Location && Cookies == other.Cookies && Body == other.Body && NextPage == other.NextPage;

        public override int GetHashCode() => HashCode.Combine(Status, Location, Cookies, Body, NextPage);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryToken();
}
