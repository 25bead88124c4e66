using System.Net;
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
        Assert.Contains(message, HtmlAssert.FieldError(document, "email-error"));
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

    [Fact] // E3: the Bcc smuggled in the rejected inputs never reached a mail header
    public async Task NoMessage_EverGoesToAnAddressSmuggledInInput()
    {
        using var client = factory.CreateBrowser();
        var page = await ForgotPage.VisitAsync(client);
        using var _ = await page.PostAsync("victim@example.test\r\nBcc: attacker@example.test");
        await factory.WaitForResetRequestsProcessedAsync();

        Assert.Empty(factory.Mailbox.To("attacker@example.test"));
    }

    private Task<int> CountRequestsAsync() => factory.QueryAsync(db => Task.FromResult(db.ResetRequests.Count()));
}
