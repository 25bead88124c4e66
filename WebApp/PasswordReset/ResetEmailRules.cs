namespace RazorReset.PasswordReset;

/// <summary>
/// What /Forgot and the JSON API accept as an address, defined once so both doors accept exactly
/// the same input (no whitespace, so no CR/LF can reach anything that looks like a header).
/// </summary>
public static class ResetEmailRules
{
    public const int MaxLength = 256;
    public const string NoWhitespace = @"^[^\s]+$";
    public const string Missing = "Enter your email address.";
    public const string TooLong = "An email address has at most 256 characters.";
    public const string Malformed = "Enter an email address like name@example.com.";
}
