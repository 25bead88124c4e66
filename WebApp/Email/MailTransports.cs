using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace RazorReset.Email;

/// <summary>
/// Hands a rendered message to the outside world (E4). System.Net.Mail is used because MailKit is
/// not available from the package source this project builds from; swapping it in means
/// rewriting this file only.
/// </summary>
public interface IMailTransport
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mail = MailMessageFactory.Create(message, settings);
        using var client = new SmtpClient(settings.Smtp.Host, settings.Smtp.Port)
        {
            EnableSsl = settings.Smtp.UseStartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)settings.Smtp.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(settings.Smtp.UserName))
        {
            client.Credentials = new NetworkCredential(settings.Smtp.UserName, settings.Smtp.Password);
        }

        await client.SendMailAsync(mail, cancellationToken);
    }
}

public sealed class PickupMailTransport(IOptions<EmailOptions> options, IHostEnvironment environment) : IMailTransport
{
    public string Directory => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var mail = MailMessageFactory.Create(message, options.Value);
        using var client = new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = Directory,
        };
        await client.SendMailAsync(mail, cancellationToken);
    }
}

internal static class MailMessageFactory
{
    /// <summary>
    /// multipart/alternative, text first (E3). MailAddress refuses CR/LF and anything that is not
    /// one address, so no header can be injected through a recipient.
    /// </summary>
    public static MailMessage Create(EmailMessage message, EmailOptions settings)
    {
        var mail = new MailMessage
        {
            From = new MailAddress(settings.FromAddress, settings.FromName, Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        mail.To.Add(new MailAddress(message.To));

        var text = AlternateView.CreateAlternateViewFromString(message.TextBody, Encoding.UTF8, MediaTypeNames.Text.Plain);
        text.TransferEncoding = TransferEncoding.QuotedPrintable;
        var html = AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html);
        html.TransferEncoding = TransferEncoding.QuotedPrintable;
        mail.AlternateViews.Add(text);
        mail.AlternateViews.Add(html);
        return mail;
    }
}
