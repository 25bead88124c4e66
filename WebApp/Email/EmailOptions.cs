using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RazorReset.Email;

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

    /// <summary>
    /// How long mail other than a reset link is retried before it is dropped; a reset link is
    /// retried until the link itself expires (PasswordReset:TokenLifespan).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The backoff's cap: once the server is back, no message waits longer than this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a sending round's claim on its batch holds without renewal. The round renews it
    /// while it sends, so this is only how long mail claimed by an instance that died waits.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    public SmtpSettings Smtp { get; set; } = new();
}

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options) => options switch
    {
        { Transport: MailTransportKind.Smtp, Smtp.Host: null or "" } =>
            ValidateOptionsResult.Fail("Email:Smtp:Host is required when Email:Transport is Smtp."),
        { Transport: MailTransportKind.Pickup, PickupDirectory: null or "" } =>
            ValidateOptionsResult.Fail("Email:PickupDirectory is required when Email:Transport is Pickup."),
        { Smtp.UserName: { Length: > 0 }, Smtp.Security: SmtpSecurity.None } =>
            ValidateOptionsResult.Fail("Email:Smtp:Security must not be None when Email:Smtp:UserName is set: credentials never cross in clear."),
        _ => ValidateOptionsResult.Success,
    };
}
