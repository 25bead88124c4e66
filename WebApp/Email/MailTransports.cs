using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace RazorReset.Email;

/// <summary>
/// Hands rendered messages to the outside world (E4). System.Net.Mail is used because MailKit is
/// not available from the package source this project builds from; swapping it in means
/// rewriting this file only.
/// </summary>
public interface IMailTransport
{
    /// <summary>How many sessions may deliver at the same time (for SMTP: open connections).</summary>
    int MaxSessions { get; }

    IMailSession OpenSession();
}

/// <summary>
/// Delivers messages one after another over one connection: a new SMTP connection per message
/// costs a greeting and a handshake each time (P4). Not thread-safe; one sender per session.
/// Synchronous on purpose: System.Net.Mail's async path reads the server's end-of-data reply with
/// a blocking call anyway, so the outbox runs each session on a thread of its own rather than
/// holding thread-pool threads that requests need.
/// </summary>
public interface IMailSession : IDisposable
{
    void Send(EmailMessage message);
}

public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public int MaxSessions => options.Value.Smtp.MaxConnections;

    public IMailSession OpenSession() => new Session(options.Value);

    private sealed class Session(EmailOptions settings) : IMailSession
    {
        private readonly SmtpClient _client = CreateClient(settings.Smtp);

        public void Send(EmailMessage message)
        {
            using var mail = MailMessageFactory.Create(message, settings);
            _client.Send(mail);
        }

        /// <summary>Says QUIT, if a connection was opened.</summary>
        public void Dispose() => _client.Dispose();

        private static SmtpClient CreateClient(SmtpSettings smtp)
        {
            var client = new SmtpClient(smtp.Host, smtp.Port)
            {
                EnableSsl = smtp.UseStartTls,
                DeliveryMethod = SmtpDeliveryMethod.Network,
                Timeout = (int)smtp.Timeout.TotalMilliseconds,
            };
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
            }

            return client;
        }
    }
}

public sealed class PickupMailTransport(IOptions<EmailOptions> options, IHostEnvironment environment) : IMailTransport
{
    public string Directory => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));

    public int MaxSessions => 1;

    public IMailSession OpenSession() => new Session(options.Value, Directory);

    /// <summary>
    /// SmtpClient writes a pickup file in place, so a reader of the folder (the /dev/mail page, a
    /// script) could open it half-written. Each message is written into a staging folder of this
    /// session's own and renamed into the pickup folder only once complete: a rename on one volume
    /// is atomic, so readers see a whole message or none.
    /// </summary>
    private sealed class Session : IMailSession
    {
        private readonly EmailOptions _settings;
        private readonly string _directory;
        private readonly string _staging;
        private readonly SmtpClient _client;

        public Session(EmailOptions settings, string directory)
        {
            _settings = settings;
            _directory = directory;
            _staging = Path.Combine(directory, ".staging", Guid.NewGuid().ToString("N"));
            _client = new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = _staging,
            };
        }

        public void Send(EmailMessage message)
        {
            // Whatever a failed Send left here is incomplete or already counted as failed: the
            // outbox retries that message, so it must not be delivered along with this one.
            RemoveStaging();
            System.IO.Directory.CreateDirectory(_staging);

            using (var mail = MailMessageFactory.Create(message, _settings))
            {
                _client.Send(mail);
            }

            var written = System.IO.Directory.GetFiles(_staging, "*.eml").Single();
            File.Move(written, Path.Combine(_directory, Path.GetFileName(written)));
        }

        public void Dispose()
        {
            _client.Dispose();
            RemoveStaging();
        }

        private void RemoveStaging()
        {
            if (System.IO.Directory.Exists(_staging)) System.IO.Directory.Delete(_staging, recursive: true);
        }
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
