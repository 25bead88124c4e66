using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using RazorReset.Infrastructure;

namespace RazorReset.Email;

/// <summary>
/// Turns a rendered message into MIME (E3, E8): multipart/alternative (text first, then HTML),
/// UTF-8, one recipient, a Message-Id on the public host's domain (never the machine's name),
/// Date, and Auto-Submitted (RFC 3834) so autoresponders do not answer it.
/// </summary>
public sealed class MessageComposer(IOptions<EmailOptions> email, IOptions<AppOptions> app, TimeProvider time)
{
    /// <summary>The host of App:PublicBaseUrl, in its ASCII (IDNA) form.</summary>
    public string Domain { get; } = new Uri(app.Value.PublicBaseUrl).IdnHost;

    public string NewMessageId() => MimeUtils.GenerateMessageId(Domain);

    public MimeMessage Compose(EmailMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = message.QueuedAt ?? time.GetUtcNow(),
            MessageId = message.MessageId ?? NewMessageId(),
        };
        mime.From.Add(new MailboxAddress(email.Value.FromName, email.Value.FromAddress));
        mime.To.Add(MailRecipient.Parse(message.To));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
