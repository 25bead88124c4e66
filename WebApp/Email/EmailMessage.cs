namespace RazorReset.Email;

/// <summary>A rendered message: what the outbox stores (encrypted) and a transport delivers.</summary>
public sealed record EmailMessage(string Kind, string To, string Subject, string TextBody, string HtmlBody);

public static class EmailKinds
{
    public const string ResetLink = "reset-link";
    public const string PasswordChanged = "password-changed";
    public const string ConfirmEmail = "confirm-email";
}
