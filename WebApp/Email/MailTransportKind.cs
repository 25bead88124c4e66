namespace RazorReset.Email;

public enum MailTransportKind
{
    Pickup,
    Smtp,
}
