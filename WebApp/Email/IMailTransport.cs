namespace RazorReset.Email;

/// <summary>Hands composed messages to the outside world (E4): SMTP through MailKit, or a pickup folder.</summary>
public interface IMailTransport
{
    /// <summary>How many sessions may deliver at the same time (for SMTP: open connections).</summary>
    int MaxSessions { get; }

    IMailSession OpenSession();
}
