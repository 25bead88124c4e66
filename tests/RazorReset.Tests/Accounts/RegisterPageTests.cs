using System.Text;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Accounts;

/// <summary>U2, U4 (issue 15 items 1, 3, 4): register, its "check your email" page and resend confirmation in the app's own voice.</summary>
public sealed class RegisterPageTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact]
    public async Task Register_HasOneHeading_SentenceCaseLabels_NoPlaceholders_AndStatesThePasswordRuleUpFront()
    {
        using var client = factory.CreateBrowser();

        var register = await RegisterPage.VisitAsync(client);

        var document = register.Document;
        Assert.Equal("Create an account", Assert.Single(document.QuerySelectorAll("main h1, main h2")).TextContent.Trim());
        Assert.Empty(document.QuerySelectorAll("input[placeholder]"));
        Assert.Equal(["Email address", "Password", "Confirm password"], document.QuerySelectorAll("#register-form label").Select(l => l.TextContent.Trim()));
        Assert.Contains("password-hint", HtmlAssert.HasElement(document, "Input_Password").GetAttribute("aria-describedby"));
        Assert.Equal("button", HtmlAssert.HasElement(document, "register-submit").ClassName);
        Assert.Equal("Input_Email", Assert.Single(document.QuerySelectorAll("[autofocus]")).Id);
    }

    [Fact]
    public async Task Register_EmptyForm_TiesEachErrorToItsField_InTheAppsWords_AndFocusesTheFirst()
    {
        using var client = factory.CreateBrowser();
        var register = await RegisterPage.VisitAsync(client);

        using var response = await register.PostAsync("", "", "");

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("Enter your email address.", HtmlAssert.ErrorTiedTo(document, "Input_Email"));
        Assert.Contains("Choose a password.", HtmlAssert.ErrorTiedTo(document, "Input_Password"));
        Assert.Contains("Type the password again.", HtmlAssert.ErrorTiedTo(document, "Input_ConfirmPassword"));
        Assert.DoesNotContain("field is required", document.Body!.TextContent);
        Assert.Equal("Input_Email", Assert.Single(document.QuerySelectorAll("[autofocus]")).Id);
    }

    [Fact] // S10, issue 15 item 6 on register: the policy's refusal and the missing confirmation in one answer
    public async Task Register_CommonPasswordAndNoConfirmation_ShowsBothErrorsAtOnce_AndFocusesThePassword()
    {
        using var client = factory.CreateBrowser();
        var register = await RegisterPage.VisitAsync(client);

        using var response = await register.PostAsync(UserStories.UniqueEmail("both"), "qwertyqwerty", "");

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("lists of common or breached passwords", HtmlAssert.ErrorTiedTo(document, "Input_Password"));
        Assert.Contains("Type the password again.", HtmlAssert.ErrorTiedTo(document, "Input_ConfirmPassword"));
        Assert.Equal("Input_Password", Assert.Single(document.QuerySelectorAll("[autofocus]")).Id);
    }

    [Fact] // issue 15 items 3, 8: the address it wrote to, and what to do next
    public async Task RegisterConfirmation_NamesTheAddressOnce_AndGivesTheNextSteps()
    {
        var email = UserStories.UniqueEmail("named");
        using var client = factory.CreateBrowser();

        var sent = await (await RegisterPage.VisitAsync(client)).RegisterAsync(email, UserStories.GoodPassword);
        var again = await RegisterConfirmationPage.VisitAsync(client);

        Assert.Equal(email, sent.Address);
        Assert.Contains("Open the link in it to confirm your address, then sign in.", sent.Message);
        Assert.Equal("/Identity/Account/Login", HtmlAssert.HasLink(sent.Document, "confirmation-signin").GetAttribute("href"));
        Assert.Equal(ResendConfirmationPage.Path, HtmlAssert.HasLink(sent.Document, "confirmation-resend").GetAttribute("href"));
        Assert.Null(again.Address); // shown once: not kept in a cookie for the next visitor of this browser
        Assert.Contains("If you have just created an account", again.Message);
    }

    [Fact] // issue 15 item 1: success is shown as success, not as an error
    public async Task ResendConfirmation_ShowsSuccessAsAStatus_NotAsAnError()
    {
        var email = UserStories.UniqueEmail("resend");
        await UserStories.CreateUserAsync(factory, email, confirmed: false);
        using var client = factory.CreateBrowser();

        var sent = await (await ResendConfirmationPage.VisitAsync(client)).ResendAsync(email);

        Assert.Equal(email, sent.Address);
        Assert.Equal("status", HtmlAssert.HasElement(sent.Document, "confirmation-sent").GetAttribute("role"));
        Assert.Empty(sent.Document.QuerySelectorAll(".field-error, .validation-summary-errors, [role=alert], .text-danger"));
        var message = await factory.Mailbox.WaitForAsync(email, "Confirm");
        Assert.StartsWith("http://localhost:5080/Identity/Account/ConfirmEmail?", Mailbox.LinkIn(message.Html, "confirm-link"));
    }

    [Fact]
    public async Task ResendConfirmation_WithAMalformedAddress_TiesTheErrorToTheField_AndRecordsNothing()
    {
        using var client = factory.CreateBrowser();
        var page = await ResendConfirmationPage.VisitAsync(client);
        var before = await factory.QueryAsync(db => Task.FromResult(db.AccountRequests.Count()));

        using var response = await page.PostAsync("not an address");

        var document = await ResponseAssert.IsHtmlDocumentAsync(response);
        Assert.Contains("Enter an email address like name@example.com.", HtmlAssert.ErrorTiedTo(document, "Input_Email"));
        Assert.Equal(before, await factory.QueryAsync(db => Task.FromResult(db.AccountRequests.Count())));
    }

    [Fact] // S1, E2: the request is encrypted while it waits and erased once resolved; the address of a stranger is nowhere at rest
    public async Task ResolvedAccountRequests_KeepNeitherTheAddressNorThePasswordHash()
    {
        var stranger = UserStories.UniqueEmail("stranger");
        using var client = factory.CreateBrowser();

        await (await ResendConfirmationPage.VisitAsync(client)).ResendAsync(stranger);
        await (await RegisterPage.VisitAsync(client)).RegisterAsync(UserStories.UniqueEmail("newcomer"), UserStories.GoodPassword);
        await factory.WaitForAccountRequestsProcessedAsync();

        Assert.All(await factory.QueryAsync(db => Task.FromResult(db.AccountRequests.Select(r => r.ProtectedContent).ToList())), Assert.Null);
        var atRest = new[] { factory.DatabasePath, factory.DatabasePath + "-wal" }.Where(File.Exists).Select(File.ReadAllBytes);
        Assert.All(atRest, bytes => Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(stranger))));
    }
}
