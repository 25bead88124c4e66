namespace RazorReset.Email;

public static class EmailKinds
{
    public const string ResetLink = "reset-link";
    public const string PasswordChanged = "password-changed";
    public const string ConfirmEmail = "confirm-email";
    public const string AccountExists = "account-exists";
}
