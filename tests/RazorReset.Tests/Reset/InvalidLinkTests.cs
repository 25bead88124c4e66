using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

/// <summary>F4, F5, S2, S4: every bad link ends in the same page, status 400, with nothing changed.</summary>
/// <summary>Provider-neutral: run on SQLite by <see cref="InvalidLinkOnSqliteTests"/> and on PostgreSQL by a subclass in PostgreSql/.</summary>
public abstract class InvalidLinkTests(RazorResetFactory factory)
{
    /// <summary>A host with other settings, on a database of its own of the same kind.</summary>
    protected abstract RazorResetFactory Host(IDictionary<string, string?> settings);

    public static TheoryData<string> Tamperings =>
    [
        "one-character-changed",
        "truncated",
        "another-users-token",
        "unknown-uid",
        "missing-token",
        "missing-uid",
        "missing-both",
        "garbage-token",
    ];

    [Theory, MemberData(nameof(Tamperings))]
    public async Task ABadLink_GivesTheInvalidLinkPage_AndChangesNothing(string tampering)
    {
        // Arrange
        var email = UserStories.UniqueEmail("victim");
        var other = UserStories.UniqueEmail("other");
        await UserStories.CreateUserAsync(factory, email);
        await UserStories.CreateUserAsync(factory, other);
        var link = new Uri(await UserStories.RequestResetLinkAsync(factory, email));
        var otherLink = new Uri(await UserStories.RequestResetLinkAsync(factory, other));
        var query = QueryHelpers.ParseQuery(link.Query);
        var (uid, token) = (query["uid"].ToString(), query["token"].ToString());
        var path = tampering switch
        {
            "one-character-changed" => Link(uid, token[..^10] + (token[^10] == 'A' ? 'B' : 'A') + token[^9..]),
            "truncated" => Link(uid, token[..(token.Length / 2)]),
            "another-users-token" => Link(uid, QueryHelpers.ParseQuery(otherLink.Query)["token"]!),
            "unknown-uid" => Link(Guid.NewGuid().ToString(), token),
            "missing-token" => $"/ResetLink?uid={uid}",
            "missing-uid" => $"/ResetLink?token={token}",
            "missing-both" => "/ResetLink",
            _ => Link(uid, "!!not*base64!!"),
        };
        var before = await StateOfAsync(email);
        using var client = factory.CreateBrowser();

        // Act
        using var response = await client.GetAsync(path);
        using var newPassword = await client.GetAsync("/NewPassword");

        // Assert
        await InvalidLinkPage.AssertAsync(response);
        await InvalidLinkPage.AssertAsync(newPassword);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("RazorReset.Reset=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970")));
        Assert.Equal(before, await StateOfAsync(email));

        // …and the genuine link still works
        var page = await NewPasswordPage.OpenFromLinkAsync(factory.CreateBrowser(), link.ToString());
        Assert.NotNull(page.Form);
    }

    [Fact] // S1: lifespan
    public async Task AnExpiredLink_GivesTheInvalidLinkPage()
    {
        await using var shortLived = Host(new Dictionary<string, string?> { ["PasswordReset:TokenLifespan"] = "00:00:01" });
        var email = UserStories.UniqueEmail("expired");
        await UserStories.CreateUserAsync(shortLived, email);
        var link = await UserStories.RequestResetLinkAsync(shortLived, email);

        await UserStories.WaitUntilLinkExpiresAsync(shortLived, link);
        using var client = shortLived.CreateBrowser();
        using var response = await client.GetAsync(NewPasswordPage.PathOf(link));

        await InvalidLinkPage.AssertAsync(response);
    }

    [Fact] // S1: the expiry also holds between opening the link and sending the form
    public async Task ALinkThatExpiresWhileTheFormIsOpen_GivesTheInvalidLinkPage_OnPost()
    {
        // Long enough to open the form on a busy machine, short enough to wait out
        await using var shortLived = Host(new Dictionary<string, string?> { ["PasswordReset:TokenLifespan"] = "00:00:04" });
        var email = UserStories.UniqueEmail("slow");
        await UserStories.CreateUserAsync(shortLived, email);
        var link = await UserStories.RequestResetLinkAsync(shortLived, email);
        using var client = shortLived.CreateBrowser();
        var page = await NewPasswordPage.OpenFromLinkAsync(client, link);

        await UserStories.WaitUntilLinkExpiresAsync(shortLived, link);
        using var response = await page.PostAsync(UserStories.NewPassword);

        await InvalidLinkPage.AssertAsync(response);
        Assert.True(await UserStories.CanSignInAsync(shortLived, email, UserStories.GoodPassword));
    }

    [Fact] // S2: single use
    public async Task ReplayingALinkAfterASuccessfulReset_GivesTheInvalidLinkPage()
    {
        var email = UserStories.UniqueEmail("replay");
        await UserStories.CreateUserAsync(factory, email);
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        using (var first = factory.CreateBrowser())
        {
            await (await NewPasswordPage.OpenFromLinkAsync(first, link)).ChangePasswordAsync(UserStories.NewPassword);
        }

        using var second = factory.CreateBrowser();
        using var response = await second.GetAsync(NewPasswordPage.PathOf(link));

        await InvalidLinkPage.AssertAsync(response);
    }

    [Fact] // S2: every earlier link dies with the reset
    public async Task AnOlderLink_DiesWhenANewerOneIsUsed()
    {
        var email = UserStories.UniqueEmail("older");
        await UserStories.CreateUserAsync(factory, email);
        var older = await UserStories.RequestResetLinkAsync(factory, email, 1);
        var newer = await UserStories.RequestResetLinkAsync(factory, email, 2);

        using (var client = factory.CreateBrowser())
        {
            await (await NewPasswordPage.OpenFromLinkAsync(client, newer)).ChangePasswordAsync(UserStories.NewPassword);
        }

        using var stale = factory.CreateBrowser();
        await InvalidLinkPage.AssertAsync(await stale.GetAsync(NewPasswordPage.PathOf(older)));
    }

    [Fact] // S2: a password changed on the manage page kills outstanding links
    public async Task ALinkRequestedBeforeAPasswordChangeOnTheManagePage_IsDead()
    {
        // Arrange
        var email = UserStories.UniqueEmail("manage");
        await UserStories.CreateUserAsync(factory, email);
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        using var session = factory.CreateBrowser();
        await UserStories.SignInAsync(factory, session, email, UserStories.GoodPassword);

        // Act: change it through Identity UI's real form
        using var manage = await session.GetAsync("/Identity/Account/Manage/ChangePassword");
        var document = await ResponseAssert.IsHtmlDocumentAsync(manage);
        using var changed = await session.SendAsync(HtmlAssert.HasForm(document, "change-password-form"), new Dictionary<string, string>
        {
            ["Input.OldPassword"] = UserStories.GoodPassword,
            ["Input.NewPassword"] = UserStories.NewPassword,
            ["Input.ConfirmPassword"] = UserStories.NewPassword,
        });
        ResponseAssert.IsRedirect(changed);

        // Assert
        using var client = factory.CreateBrowser();
        await InvalidLinkPage.AssertAsync(await client.GetAsync(NewPasswordPage.PathOf(link)));
    }

    [Fact] // F5; the POST without the cookie is in ResetPreconditionTests
    public async Task NewPassword_WithoutTheResetCookie_GivesTheInvalidLinkPage_OnGet()
    {
        using var client = factory.CreateBrowser();
        using var get = await client.GetAsync("/NewPassword");
        await InvalidLinkPage.AssertAsync(get);
    }

    private static string Link(string uid, string token) => $"/ResetLink?uid={Uri.EscapeDataString(uid)}&token={Uri.EscapeDataString(token)}";

    private async Task<string> StateOfAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email))!;
        return $"{user.PasswordHash}|{user.SecurityStamp}|{user.ConcurrencyStamp}|{user.EmailConfirmed}";
    }
}
