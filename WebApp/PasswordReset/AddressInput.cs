using System.ComponentModel.DataAnnotations;

namespace RazorReset.PasswordReset;

/// <summary>The one field of the forms that take only an address (Forgot, resend confirmation), under <see cref="ResetEmailRules"/>.</summary>
public sealed class AddressInput
{
    [Required(ErrorMessage = ResetEmailRules.Missing)]
    [StringLength(ResetEmailRules.MaxLength, ErrorMessage = ResetEmailRules.TooLong)]
    [EmailAddress(ErrorMessage = ResetEmailRules.Malformed)]
    [RegularExpression(ResetEmailRules.NoWhitespace, ErrorMessage = ResetEmailRules.Malformed)]
    public string Email { get; set; } = "";
}
