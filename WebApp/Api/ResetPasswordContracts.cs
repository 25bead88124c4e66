using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using RazorReset.PasswordReset;

namespace RazorReset.Api;

[Description("Asks for a reset link to be emailed to an address.")]
public sealed record SendResetLinkRequest
{
    [Description("The email address the account was registered with.")]
    [Required(ErrorMessage = ResetEmailRules.Missing)]
    [StringLength(ResetEmailRules.MaxLength, ErrorMessage = ResetEmailRules.TooLong)]
    [EmailAddress(ErrorMessage = ResetEmailRules.Malformed)]
    [RegularExpression(ResetEmailRules.NoWhitespace, ErrorMessage = ResetEmailRules.Malformed)]
    public string? Email { get; init; }
}

[Description("The same answer whatever the address: it never says whether an account exists.")]
public sealed record ResetLinkSentResponse(
    [property: Description("Always \"accepted\".")] string Status,
    [property: Description("A sentence to show the user as it is.")] string Message);

[Description("Sets a new password with the uid and token from the emailed link, or with the email address and the code from the same email.")]
public sealed record ResetPasswordRequest
{
    [Description("With `code`: the address the reset email was sent to.")]
    public string? Email { get; init; }

    [Description("With `email`: the 8-digit code from the newest reset email; spaces and dashes are ignored.")]
    public string? Code { get; init; }

    [Description("The link's `uid` query parameter, as it is.")]
    public string? UserId { get; init; }

    [Description("The link's `token` query parameter (base64url), as it is.")]
    public string? Token { get; init; }

    [Description("The new password: 12 to 128 characters, any characters, not a common or breached password, not containing the email address.")]
    public string? Password { get; init; }
}
