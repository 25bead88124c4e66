using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RazorReset.Email;

/// <summary>SMTP through MailKit (E4): async end to end, one connection per session, kept open for a sending round.</summary>
public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public int MaxSessions => options.Value.Smtp.MaxConnections;

    public IMailSession OpenSession() => new Session(options.Value.Smtp);

    private sealed class Session(SmtpSettings smtp) : IMailSession
    {
        // No protocol logger: MailKit's would write every DATA line, reset links included (S11).
        private readonly SmtpClient _client = new() { Timeout = (int)smtp.Timeout.TotalMilliseconds };

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (!_client.IsConnected) await ConnectAsync(cancellationToken);

            try
            {
                await _client.SendAsync(message, cancellationToken);
            }
            catch (Exception exception) when (exception is not SmtpCommandException)
            {
                // A timeout or a broken stream leaves the session in an unknown state: start the next message afresh.
                await _client.DisconnectAsync(quit: false, CancellationToken.None);
                throw;
            }
        }

        private async Task ConnectAsync(CancellationToken cancellationToken)
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(smtp.ConnectTimeout);
            try
            {
                await _client.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp.Security), connectTimeout.Token);
                if (!string.IsNullOrEmpty(smtp.UserName))
                {
                    await _client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", connectTimeout.Token);
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                await _client.DisconnectAsync(quit: false, CancellationToken.None);
                var reason = exception is OperationCanceledException ? $"no answer within {smtp.ConnectTimeout}" : exception.Message;
                throw new MailServerUnavailableException($"SMTP server {smtp.Host}:{smtp.Port} unavailable: {reason}", exception);
            }
        }

        private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };

        /// <summary>Says QUIT, if a connection is open.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await _client.DisconnectAsync(quit: true, quit.Token);
                }
                catch (Exception exception) when (exception is IOException or OperationCanceledException or SmtpProtocolException or SmtpCommandException)
                {
                    // The message is delivered or recorded as failed already; only the goodbye was lost.
                }
            }

            _client.Dispose();
        }
    }
}
