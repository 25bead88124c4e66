using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RazorReset.PasswordReset;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Forgot;

public sealed class ForgotInputTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    public static TheoryData<string, string> Rejected => new()
    {
        { "", "Enter your email address." },
        { new string('a', 250) + "@example.test", "at most 256 characters" },
        { "not-an-email", "Enter an email address like name@example.com." },
        { "victim@example.test\r\nBcc: attacker@example.test", "Enter an email address like name@example.com." },
        { "victim@example.test\nSubject: hi", "Enter an email address like name@example.com." },
    };

    [Theory, MemberData(nameof(Rejected))] // F1, E3: never a 500, never a header from raw input
    public async Task Forgot_WithBadInput_ShowsAValidationMessage_AndRecordsNothing(string email, string message)
    {
        using var client = factory.CreateBrowser();
        var page = await ForgotPage.VisitAsync(client);
        var before = await CountRequestsAsync();

        using var response = await page.PostAsync(email);

        var document = await ResponseAssert.IsHtmlDocumentAsync(response, HttpStatusCode.OK);
        Assert.Contains(message, HtmlAssert.ErrorTiedTo(document, "Input_Email"));
        Assert.Equal(before, await CountRequestsAsync());
    }

    [Theory] // F1: unusual but well-formed addresses get the uniform answer
    [InlineData("josé@exämple.test")]
    [InlineData("用户@例子.测试")]
    [InlineData("o'brien+tag@example.test")]
    public async Task Forgot_WithNonAsciiOrUnusualAddresses_GivesTheUniformResponse(string email)
    {
        using var client = factory.CreateBrowser();
        var page = await ForgotPage.VisitAsync(client);

        using var response = await page.PostAsync(email);

        ResponseAssert.IsRedirectTo(response, "/Forgot/Sent");
    }

    [Fact] // E3, F1: both addresses belong to real accounts, so only the input's validation stands between them and a mail
    public async Task NoMessage_EverGoesToAnAddressSmuggledInInput()
    {
        // Arrange: the attacker has an account, and so does the smuggling string itself, as a row
        // from before validation (or from another system) would; a lookup of the raw input finds it
        var attacker = UserStories.UniqueEmail("attacker");
        var smuggling = $"{UserStories.UniqueEmail("victim")}\r\nBcc: {attacker}";
        await UserStories.CreateUserAsync(factory, attacker);
        var victim = await UserStories.CreateUserAsync(factory, UserStories.UniqueEmail("victim"));
        await factory.QueryAsync(db => db.Users.Where(u => u.Id == victim.Id).ExecuteUpdateAsync(user => user
            .SetProperty(u => u.Email, smuggling)
            .SetProperty(u => u.NormalizedEmail, new UpperInvariantLookupNormalizer().NormalizeEmail(smuggling))));
        using var client = factory.CreateBrowser();
        var page = await ForgotPage.VisitAsync(client);
        var before = await CountRequestsAsync();

        // Act
        using var response = await page.PostAsync(smuggling);
        await factory.WaitForResetRequestsProcessedAsync();
        await factory.WaitForOutboxDrainedAsync();

        // Assert
        var document = await ResponseAssert.IsHtmlDocumentAsync(response, HttpStatusCode.OK);
        Assert.Contains(ResetEmailRules.Malformed, HtmlAssert.ErrorTiedTo(document, "Input_Email"));
        Assert.Equal(before, await CountRequestsAsync());
        Assert.Empty(factory.Mailbox.To(attacker));
        Assert.DoesNotContain(factory.Mailbox.All(), m => m.To.Contains("Bcc", StringComparison.OrdinalIgnoreCase));
    }

    private Task<int> CountRequestsAsync() => factory.QueryAsync(db => Task.FromResult(db.ResetRequests.Count()));
}
