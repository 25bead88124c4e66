using System.Net;
using RazorReset.PasswordReset;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

public sealed class PasswordPolicyTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    public static TheoryData<string, string> Refused => new()
    {
        { "elevenchars", "Use at least 12 characters" },
        { "1q2w3e4r5t6y", "lists of common or breached passwords" },
        { "qwertyqwerty", "lists of common or breached passwords" },
        { "{email} is my password", "must not contain your email address" },
        { new string('x', 129), "Use at most 128 characters" },
    };

    [Theory, MemberData(nameof(Refused))] // S10
    public async Task NewPassword_RefusesAWeakPassword_AndShowsTheReasonNextToTheField(string password, string reason)
    {
        // Arrange
        var email = UserStories.UniqueEmail("policy");
        await UserStories.CreateUserAsync(factory, email);
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        using var client = factory.CreateBrowser();
        var page = await NewPasswordPage.OpenFromLinkAsync(client, link);

        // Act
        using var response = await page.PostAsync(password.Replace("{email}", email));

        // Assert: the form again, the reason tied to the password field, and the link still good
        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains(reason, HtmlAssert.ErrorTiedTo(document, "Input_Password"));
        Assert.Equal("Input_Password", Assert.Single(document.QuerySelectorAll("[autofocus]")).Id);
        Assert.False(await UserStories.CanSignInAsync(factory, email, password.Replace("{email}", email)));
        var retry = NewPasswordPage.Retry(client, document);
        await retry.ChangePasswordAsync(UserStories.NewPassword);
    }

    [Fact] // S10: no composition rules, any Unicode, no truncation
    public async Task ALong_UnicodePassphrase_IsAccepted_AndSignsIn_AndIsNotTruncated()
    {
        var email = UserStories.UniqueEmail("unicode");
        await UserStories.CreateUserAsync(factory, email);
        var passphrase = "ничего не длится вечно — 全ては移ろう 🌧️ even the rain stops eventually";
        Assert.InRange(passphrase.EnumerateRunes().Count(), 60, 70);

        await UserStories.ResetPasswordAsync(factory, email, passphrase);

        Assert.True(await UserStories.CanSignInAsync(factory, email, passphrase));
        Assert.False(await UserStories.CanSignInAsync(factory, email, passphrase[..^1]));
    }

    [Fact] // U2
    public async Task MismatchedConfirmation_IsShownNextToTheConfirmationField()
    {
        var email = UserStories.UniqueEmail("mismatch");
        await UserStories.CreateUserAsync(factory, email);
        var link = await UserStories.RequestResetLinkAsync(factory, email);
        using var client = factory.CreateBrowser();
        var page = await NewPasswordPage.OpenFromLinkAsync(client, link);

        using var response = await page.PostAsync(UserStories.NewPassword, UserStories.NewPassword + "!");

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("do not match", HtmlAssert.ErrorTiedTo(document, "Input_ConfirmPassword"));
        Assert.Equal("Input_ConfirmPassword", Assert.Single(document.QuerySelectorAll("[autofocus]")).Id);
    }

    [Fact] // S10, U2 (issue 15, item 6): a common password is refused on the same attempt as a missing confirmation
    public async Task ACommonPassword_AndAMissingConfirmation_AreBothShown_AtOnce()
    {
        using var client = factory.CreateBrowser();
        var page = await OpenNewPasswordPageAsync(client, "at-once");

        using var response = await page.PostAsync("qwertyqwerty", "");

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("lists of common or breached passwords", HtmlAssert.ErrorTiedTo(document, "Input_Password"));
        Assert.Contains("Type the new password again", HtmlAssert.ErrorTiedTo(document, "Input_ConfirmPassword"));
        Assert.Equal("Input_Password", Assert.Single(document.QuerySelectorAll("[autofocus]")).Id);
    }

    [Fact] // U2, U3 (issue 15, item 6): the 12-character rule is said once, and its error sits right under the field
    public async Task AfterAShortPassword_TheRuleIsSaidOnce_InTheErrorRightUnderTheField()
    {
        using var client = factory.CreateBrowser();
        var page = await OpenNewPasswordPageAsync(client, "said-once");
        Assert.Equal(1, TimesTheRuleIsSaid(page.Document)); // before: in the hint

        using var response = await page.PostAsync("too short");

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Equal(1, TimesTheRuleIsSaid(document));
        var input = HtmlAssert.HasElement(document, "Input_Password");
        var error = Assert.IsAssignableFrom<AngleSharp.Dom.IElement>(input.NextElementSibling);
        Assert.Contains("Use at least 12 characters", error.TextContent);
        Assert.Equal(error.Id, input.GetAttribute("aria-describedby"));
    }

    private static int TimesTheRuleIsSaid(AngleSharp.Html.Dom.IHtmlDocument document) =>
        System.Text.RegularExpressions.Regex.Count(HtmlAssert.HasForm(document, "new-password-form").ParentElement!.TextContent, "12 characters");

    private async Task<NewPasswordPage> OpenNewPasswordPageAsync(HttpClient client, string tag)
    {
        var email = UserStories.UniqueEmail(tag);
        await UserStories.CreateUserAsync(factory, email);
        return await NewPasswordPage.OpenFromLinkAsync(client, await UserStories.RequestResetLinkAsync(factory, email));
    }

    [Fact] // S10: the same policy on register
    public async Task Register_UsesTheSamePolicy()
    {
        using var client = factory.CreateBrowser();
        var register = await RegisterPage.VisitAsync(client);

        using var response = await register.PostAsync(UserStories.UniqueEmail("reg"), "qwertyqwerty");

        // Assert: the reason is beside the password field, tied to it, and focused (U2)
        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("lists of common or breached passwords", HtmlAssert.ErrorTiedTo(document, "Input_Password"));
        Assert.True(HtmlAssert.HasElement(document, "Input_Password").HasAttribute("autofocus"));
        Assert.DoesNotContain("common or breached", document.QuerySelector("[role=alert]")?.TextContent ?? "");
    }

    [Fact] // S10: the same window on register, not Identity UI's 6–100
    public async Task Register_AcceptsA120CharacterPassphrase_AndExplainsTheMinimum()
    {
        var email = UserStories.UniqueEmail("long");
        var passphrase = string.Join(" ", Enumerable.Repeat("a slow river under the old stone bridge", 3));
        Assert.InRange(passphrase.Length, 101, 128);
        using var client = factory.CreateBrowser();

        using var tooShort = await (await RegisterPage.VisitAsync(client)).PostAsync(UserStories.UniqueEmail("short"), "seven77");
        await (await RegisterPage.VisitAsync(client)).RegisterAsync(email, passphrase);

        var document = await ResponseAssert.IsHtmlDocumentAsync(tooShort);
        Assert.Contains("Use at least 12 characters", document.Body!.TextContent);
        Assert.DoesNotContain("at max 100", document.Body!.TextContent);
    }

    [Fact] // S10: the same policy on change password
    public async Task ChangePassword_UsesTheSamePolicy()
    {
        var email = UserStories.UniqueEmail("change");
        await UserStories.CreateUserAsync(factory, email);
        using var session = factory.CreateBrowser();
        await UserStories.SignInAsync(factory, session, email, UserStories.GoodPassword);
        using var manage = await session.GetAsync("/Identity/Account/Manage/ChangePassword");
        var form = HtmlAssert.HasForm(await ResponseAssert.IsHtmlDocumentAsync(manage), "change-password-form");

        using var response = await session.SendAsync(form, new Dictionary<string, string>
        {
            ["Input.OldPassword"] = UserStories.GoodPassword,
            ["Input.NewPassword"] = $"my address is {email}",
            ["Input.ConfirmPassword"] = $"my address is {email}",
        });

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("must not contain your email address", HtmlAssert.ErrorTiedTo(document, "Input_NewPassword"));
        Assert.True(HtmlAssert.HasElement(document, "Input_NewPassword").HasAttribute("autofocus"));
    }

    [Fact] // S10: the bundled list
    public void TheBundledList_HoldsAtLeastTheHundredThousandMostCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("RazorReset.PasswordReset.common-passwords.txt.gz")!;
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress));
        var count = 0;
        while (reader.ReadLine() is not null) count++;

        Assert.True(count >= 100_000, $"{count} entries");
        Assert.True(new PasswordPolicy().IsCommon("1qaz2wsx3edc"));
        Assert.False(new PasswordPolicy().IsCommon(UserStories.NewPassword));
    }
}
