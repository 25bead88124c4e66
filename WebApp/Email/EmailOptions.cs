using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RazorReset.Email;

public enum MailTransportKind
{
    Pickup,
    Smtp,
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    public MailTransportKind Transport { get; set; } = MailTransportKind.Pickup;

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "no-reply@razorreset.local";

    [Required]
    public string FromName { get; set; } = "RazorReset";

    /// <summary>Folder for one .eml file per message when <see cref="Transport"/> is Pickup (E4, E5).</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    public SmtpSettings Smtp { get; set; } = new();
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public bool UseStartTls { get; set; }

    /// <summary>From user-secrets or environment variables only (E4); never committed.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many connections the outbox keeps open while it has mail to deliver. System.Net.Mail
    /// waits for each message's acknowledgement before the next (tens of milliseconds even on
    /// loopback), so throughput grows with this; lower it for relays that limit connections.
    /// </summary>
    [Range(1, 32)]
    public int MaxConnections { get; set; } = 8;
}

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options) => options switch
    {
        { Transport: MailTransportKind.Smtp, Smtp.Host: null or "" } =>
            ValidateOptionsResult.Fail("Email:Smtp:Host is required when Email:Transport is Smtp."),
        { Transport: MailTransportKind.Pickup, PickupDirectory: null or "" } =>
            ValidateOptionsResult.Fail("Email:PickupDirectory is required when Email:Transport is Pickup."),
        _ => ValidateOptionsResult.Success,
    };
}
