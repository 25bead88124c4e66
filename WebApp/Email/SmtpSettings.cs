using System.ComponentModel.DataAnnotations;

namespace RazorReset.Email;

public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>From user-secrets or environment variables only (E4); never committed.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long any one SMTP command may wait for the server's reply.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many connections the outbox keeps open while it has mail to deliver: each waits for
    /// the server's reply to every message, so throughput grows with this; lower it for relays
    /// that limit connections.
    /// </summary>
    [Range(1, 32)]
    public int MaxConnections { get; set; } = 8;
}
