using System.Net;
using MimeKit;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Email;

/// <summary>E6: delivery over real SMTP, through MailKit, to smtp4dev; what arrived is read with MimeKit.</summary>
public sealed class SmtpDeliveryTests
{
    [Fact] // E1, E3, E6, E8, F3, F4
    public async Task ResetEmail_ReachesARealSmtpServer_AsMultipart_AndItsLinkOpensTheResetPage()
    {
        // Arrange
        var smtp4dev = await Smtp4devServer.SharedAsync();
        await using var factory = RazorResetFactory.With(smtp4dev.SmtpSettings);
        var email = UserStories.UniqueEmail("smtp");
        await UserStories.CreateUserAsync(factory, email);

        // Act
        using var client = factory.CreateBrowser();
        await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        var message = await smtp4dev.WaitForAsync(email);

        // Assert
        Assert.Equal("Reset your RazorReset password", message.Subject);
        var alternative = Assert.IsType<MultipartAlternative>(message.Message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
        Assert.All(alternative.OfType<TextPart>(), part => Assert.Equal("utf-8", part.ContentType.Charset, ignoreCase: true));
        Assert.False(string.IsNullOrWhiteSpace(message.Text));

        var link = Mailbox.LinkIn(message.Html, "reset-link");
        using var browser = factory.CreateBrowser();
        using var opened = await browser.GetAsync(NewPasswordPage.PathOf(link));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        ResponseAssert.IsRedirectTo(opened, "/NewPassword");
    }

    [Fact] // E8: Message-Id on the public host, never the machine's name; Date; RFC 3834 Auto-Submitted
    public async Task EveryMessage_CarriesAMessageIdOnThePublicHost_ADate_AndAutoSubmitted()
    {
        // Arrange
        var smtp4dev = await Smtp4devServer.SharedAsync();
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>(smtp4dev.SmtpSettings)
        {
            ["App:PublicBaseUrl"] = "http://mail-identity.example:5080",
        });
        var email = UserStories.UniqueEmail("headers");
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);

        await UserStories.CreateUserAsync(factory, email);

        // Act: two requests, two messages
        for (var i = 0; i < 2; i++)
        {
            using var client = factory.CreateBrowser();
            await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        }

        await smtp4dev.WaitForAsync(email, count: 2);
        var messages = await smtp4dev.MessagesToAsync(email);

        // Assert
        Assert.Equal(2, messages.Count);
        Assert.All(messages, received =>
        {
            var mime = received.Message;
            Assert.EndsWith("@mail-identity.example", mime.MessageId);
            Assert.DoesNotContain(Environment.MachineName, mime.MessageId, StringComparison.OrdinalIgnoreCase);
            Assert.InRange(mime.Date, before, DateTimeOffset.UtcNow.AddSeconds(2));
            Assert.Equal("auto-generated", mime.Headers["Auto-Submitted"]);
            Assert.Equal(email, Assert.Single(mime.To.Mailboxes).Address);
        });
        Assert.Equal(2, messages.Select(m => m.Message.MessageId).Distinct().Count());
    }
}
