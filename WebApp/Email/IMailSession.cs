using MimeKit;

namespace RazorReset.Email;

/// <summary>
/// Delivers messages one after another over one connection: a new SMTP connection per message
/// costs a greeting and a handshake each time (P4). Not thread-safe; one sender per session.
/// </summary>
public interface IMailSession : IAsyncDisposable
{
    /// <exception cref="MailServerUnavailableException">No connection could be made: the rest of a batch need not try.</exception>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
