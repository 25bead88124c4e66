using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Shell;

/// <summary>
/// S3, S9: every route the app maps (read from its own endpoint table, so a new page is covered
/// the day it is added), every method, sent as a client without the preconditions of a real
/// submission would send it: no antiforgery token or a forged one, no reset cookie, signed in or
/// not. Never a 5xx, never a state change, never a 2xx for an unsafe method on a page.
/// </summary>
public sealed class EveryRouteTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    private const string ForgedAntiforgeryToken = "CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static readonly HttpMethod[] SafeMethods = [HttpMethod.Get, HttpMethod.Head, HttpMethod.Options];
    private static readonly HttpMethod[] UnsafeMethods = [HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete];

    [Fact]
    public async Task EveryRouteAndMethod_FromAnAnonymousClient_AnswersBelow500_AndChangesNothing()
    {
        var victim = await ArrangeVictimAsync("anonymous");
        using var browser = factory.CreateBrowser();

        AssertNone(await SweepAsync(browser, victim));
    }

    [Fact]
    public async Task EveryRouteAndMethod_FromASignedInClientWithoutAValidAntiforgeryToken_AnswersBelow500_AndChangesNothing()
    {
        var victim = await ArrangeVictimAsync("signed-in");
        using var browser = factory.CreateBrowser();
        await UserStories.SignInAsync(factory, browser, victim, UserStories.GoodPassword);

        AssertNone(await SweepAsync(browser, victim));
        Assert.True((await HomePage.VisitAsync(browser)).IsSignedIn); // nothing signed the session out on the way
    }

    /// <summary>Every route × method × missing precondition; returns what went wrong, one line each.</summary>
    private async Task<List<string>> SweepAsync(HttpClient browser, string victim)
    {
        var violations = new List<string>();
        var routes = Routes();
        Assert.Contains(("/Forgot", true), routes);
        Assert.Contains(("/NewPassword", true), routes);
        Assert.Contains(("/ResetLink", true), routes);
        Assert.Contains(("/api/v1/auth/reset-password", false), routes);
        Assert.Contains(("/Identity/Account/Manage/ChangePassword", true), routes);
        Assert.Contains(("/Identity/Account/Register", true), routes);
        Assert.Contains(("/Identity/Account/ResendEmailConfirmation", true), routes);
        Assert.Contains(("/Identity/Account/RegisterConfirmation", true), routes);

        foreach (var (path, antiforgeryRequired) in routes)
        {
            var before = await StateSnapshot.TakeAsync(factory);
            foreach (var method in SafeMethods)
            {
                using var response = await browser.SendAsync(new HttpRequestMessage(method, path));
                Check(violations, method, path, "no body", response, antiforgeryRequired: false);
            }

            foreach (var method in UnsafeMethods)
            {
                foreach (var (variant, token) in new[] { ("no antiforgery token", (string?)null), ("a forged antiforgery token", ForgedAntiforgeryToken) })
                {
                    using var response = await browser.SendAsync(new HttpRequestMessage(method, path) { Content = FormBody(victim, token) });
                    Check(violations, method, path, variant, response, antiforgeryRequired);
                }
            }

            var after = await StateSnapshot.TakeAsync(factory);
            if (after != before) violations.Add($"{path}: state changed{Environment.NewLine}before {before}{Environment.NewLine}after  {after}");
        }

        return violations;
    }

    private static void AssertNone(List<string> violations) =>
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

    private static void Check(List<string> violations, HttpMethod method, string path, string variant, HttpResponseMessage response, bool antiforgeryRequired)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) violations.Add($"{method} {path} ({variant}): {status}");
        if (antiforgeryRequired && response.IsSuccessStatusCode) violations.Add($"{method} {path} ({variant}): {status}, accepted without a valid antiforgery token");
    }

    /// <summary>Fields every form of the app would take, aimed at the victim's account.</summary>
    private static FormUrlEncodedContent FormBody(string victim, string? antiforgeryToken)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = victim,
            ["Input.NewEmail"] = UserStories.UniqueEmail("taken-over"),
            ["Input.Password"] = UserStories.NewPassword,
            ["Input.ConfirmPassword"] = UserStories.NewPassword,
            ["Input.OldPassword"] = UserStories.GoodPassword,
            ["Input.NewPassword"] = UserStories.NewPassword,
            ["Input.RememberMe"] = "true",
            ["Input.PhoneNumber"] = "+15555550100",
        };
        if (antiforgeryToken is not null) fields["__RequestVerificationToken"] = antiforgeryToken;
        return new FormUrlEncodedContent(fields);
    }

    private async Task<string> ArrangeVictimAsync(string tag)
    {
        var victim = UserStories.UniqueEmail($"victim-{tag}");
        await UserStories.CreateUserAsync(factory, victim);
        await UserStories.RequestResetLinkAsync(factory, victim);
        await factory.WaitForResetRequestsProcessedAsync();
        await factory.WaitForOutboxDrainedAsync();
        return victim;
    }

    /// <summary>
    /// A concrete path for every route pattern (parameters get a value no record has), and whether
    /// it is a page that must refuse unsafe methods without a valid antiforgery token (S3).
    /// </summary>
    private List<(string Path, bool AntiforgeryRequired)> Routes() => factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Select(endpoint => (
            "/" + string.Join("/", endpoint.RoutePattern.PathSegments
                .Select(segment => string.Concat(segment.Parts.Select(PathOf)))
                .Where(segment => segment.Length > 0)),
            endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null
                && endpoint.Metadata.GetMetadata<IAntiforgeryPolicy>() is not IgnoreAntiforgeryTokenAttribute))
        .Distinct()
        .OrderBy(route => route.Item1, StringComparer.Ordinal)
        .ToList();

    private static string PathOf(RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart { Name: "documentName" } => "v1",
        RoutePatternParameterPart { Name: "code" } => "404",
        RoutePatternParameterPart parameter => $"no-such-{parameter.Name}",
        _ => "",
    };
}
