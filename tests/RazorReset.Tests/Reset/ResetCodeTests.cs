using System.Net;
using RazorReset.Pages.Forgot;
using RazorReset.PasswordReset;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

public sealed class ResetCodeTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // A4, F4, F5
    public async Task TheCodeTypedInTheBrowserThatAsked_LeadsToNewPassword_AndThenTheLinkIsDead()
    {
        // Arrange
        var email = UserStories.UniqueEmail("code");
        await UserStories.CreateUserAsync(factory, email);
        using var desktop = factory.CreateBrowser();
        var (sent, message) = await UserStories.RequestResetEmailAsync(factory, desktop, email);
        var code = Mailbox.CodeIn(message.Html);

        // Act
        var form = await sent.EnterCodeAsync(code);
        await form.ChangePasswordAsync(UserStories.NewPassword);

        // Assert
        Assert.Matches(@"^\d{4} \d{4}$", code);
        Assert.Contains(code, message.Text); // E3: the text part is as complete
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
        using var phone = factory.CreateBrowser();
        await InvalidLinkPage.AssertAsync(await phone.GetAsync(NewPasswordPage.PathOf(Mailbox.LinkIn(message.Html, "reset-link"))));
    }

    [Fact] // A4: the form a phone keyboard and a password manager understand
    public async Task SentPage_OffersOneCodeField_ForOneTimeCodes()
    {
        using var client = factory.CreateBrowser();
        var sent = await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(UserStories.UniqueEmail());

        var form = Assert.IsAssignableFrom<AngleSharp.Html.Dom.IHtmlFormElement>(sent.CodeForm);
        var field = Assert.Single(form.QuerySelectorAll("input:not([type=hidden])"));
        Assert.Equal("one-time-code", field.GetAttribute("autocomplete"));
        Assert.Equal("numeric", field.GetAttribute("inputmode"));
        Assert.Equal("Enter the code from the email", form.QuerySelector("label")!.TextContent.Trim());
    }

    [Fact] // A4: the code is bound to the browser that asked
    public async Task ABrowserThatDidNotAsk_IsNotOfferedTheCodeForm_AndCannotPostACode()
    {
        // Arrange
        var email = UserStories.UniqueEmail("elsewhere");
        await UserStories.CreateUserAsync(factory, email);
        using var asker = factory.CreateBrowser();
        var (sent, message) = await UserStories.RequestResetEmailAsync(factory, asker, email);

        // Act: another browser opens the page, and replays the asker's form without its cookie
        using var other = factory.CreateBrowser();
        var otherSent = await SentPage.VisitAsync(other);
        var replay = new SentPage(other, sent.Document);
        using var response = await replay.PostCodeAsync(Mailbox.CodeIn(message.Html));

        // Assert
        Assert.Null(otherSent.CodeForm);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(ResetCookie.Name, StringComparison.Ordinal)));
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
    }

    [Fact] // A4, S2: resetting with the link kills the code
    public async Task AfterAResetWithTheLink_TheCodeFromTheSameEmail_IsRefused()
    {
        // Arrange
        var email = UserStories.UniqueEmail("link-first");
        await UserStories.CreateUserAsync(factory, email);
        using var desktop = factory.CreateBrowser();
        var (sent, message) = await UserStories.RequestResetEmailAsync(factory, desktop, email);
        using (var phone = factory.CreateBrowser())
        {
            await (await NewPasswordPage.OpenFromLinkAsync(phone, Mailbox.LinkIn(message.Html, "reset-link"))).ChangePasswordAsync(UserStories.NewPassword);
        }

        // Act
        var refused = await sent.EnterRefusedCodeAsync(Mailbox.CodeIn(message.Html));

        // Assert
        Assert.Equal(SentModel.WrongCode, refused.CodeError);
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
    }

    [Fact] // A4: a newer email kills the older one's code
    public async Task ANewerEmail_KillsTheOlderCode_AndItsOwnCodeWorks()
    {
        // Arrange
        var email = UserStories.UniqueEmail("newer-code");
        await UserStories.CreateUserAsync(factory, email);
        using var desktop = factory.CreateBrowser();
        var (_, first) = await UserStories.RequestResetEmailAsync(factory, desktop, email, 1);
        var (sent, second) = await UserStories.RequestResetEmailAsync(factory, desktop, email, 2);

        // Act
        var refused = await sent.EnterRefusedCodeAsync(Mailbox.CodeIn(first.Html));
        var form = await refused.EnterCodeAsync(Mailbox.CodeIn(second.Html));
        await form.ChangePasswordAsync(UserStories.NewPassword);

        // Assert
        Assert.NotEqual(Mailbox.CodeIn(first.Html), Mailbox.CodeIn(second.Html));
        Assert.Equal(SentModel.WrongCode, refused.CodeError);
        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
    }

    [Fact] // A4: a newer email asked from another browser kills the code the first browser is waiting for
    public async Task ANewerEmailAskedElsewhere_KillsTheCodeTheFirstBrowserWaitsFor()
    {
        // Arrange
        var email = UserStories.UniqueEmail("newer-elsewhere");
        await UserStories.CreateUserAsync(factory, email);
        using var first = factory.CreateBrowser();
        using var second = factory.CreateBrowser();
        var (firstSent, firstMessage) = await UserStories.RequestResetEmailAsync(factory, first, email, 1);
        var (secondSent, secondMessage) = await UserStories.RequestResetEmailAsync(factory, second, email, 2);

        // Act
        var refused = await firstSent.EnterRefusedCodeAsync(Mailbox.CodeIn(firstMessage.Html));
        var crossed = await secondSent.EnterRefusedCodeAsync(Mailbox.CodeIn(firstMessage.Html));
        var form = await crossed.EnterCodeAsync(Mailbox.CodeIn(secondMessage.Html));

        // Assert
        Assert.Equal(SentModel.WrongCode, refused.CodeError);
        Assert.Equal(SentModel.WrongCode, crossed.CodeError);
        Assert.Equal("Choose a new password", form.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact] // A4, F6: the link in one browser and the code in another race; exactly one reset wins
    public async Task TheLinkAndTheCodeRacing_ExactlyOneResetSucceeds()
    {
        // Arrange: both forms open, one from the link, one from the code
        var email = UserStories.UniqueEmail("code-race");
        await UserStories.CreateUserAsync(factory, email);
        using var desktop = factory.CreateBrowser();
        using var phone = factory.CreateBrowser();
        var (sent, message) = await UserStories.RequestResetEmailAsync(factory, desktop, email);
        var byCode = await sent.EnterCodeAsync(Mailbox.CodeIn(message.Html));
        var byLink = await NewPasswordPage.OpenFromLinkAsync(phone, Mailbox.LinkIn(message.Html, "reset-link"));

        // Act
        var responses = await Task.WhenAll(byCode.PostAsync(UserStories.NewPassword + " by code"), byLink.PostAsync(UserStories.NewPassword + " by link"));

        // Assert
        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        ResponseAssert.IsRedirectTo(winner, "/NewPassword/Done");
        await InvalidLinkPage.AssertAsync(responses.Single(r => r != winner));
        var winningPassword = UserStories.NewPassword + (winner == responses[0] ? " by code" : " by link");
        Assert.True(await UserStories.CanSignInAsync(factory, email, winningPassword));
        foreach (var response in responses) response.Dispose();
    }

    [Fact] // A4: codes switched off leave the link-only flow, with nothing of the code anywhere
    public async Task WithCodesTurnedOff_NoFormAndNoCodeInTheEmail_TheAddressStillNamed()
    {
        // Arrange
        await using var off = RazorResetFactory.With(new Dictionary<string, string?> { ["PasswordReset:Codes:Enabled"] = "false" });
        var email = UserStories.UniqueEmail("no-code");
        await UserStories.CreateUserAsync(off, email);
        using var client = off.CreateBrowser();

        // Act
        var forgot = await ForgotPage.VisitAsync(client);
        using var posted = await forgot.PostAsync(email);
        using var sentResponse = await client.GetAsync("/Forgot/Sent");
        var message = await off.Mailbox.WaitForAsync(email, "Reset your");

        // Assert
        var sent = new SentPage(client, await ResponseAssert.IsHtmlDocumentAsync(sentResponse));
        Assert.Null(sent.CodeForm);
        Assert.Equal(email, sent.Address); // the pending-reset cookie still carries the typed address
        Assert.DoesNotContain("code", sent.Message.Replace(email, ""), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("code", message.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(message.Html).GetElementById("reset-code"));
        Assert.Contains("expires in 30 minutes", message.Text);
    }
}
