using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RazorReset.Accounts;
using RazorReset.PasswordReset;

namespace RazorReset.Areas.Identity.Pages.Account;

/// <summary>
/// S4, S10: every address gets the same checks, the same password hash and the same redirect;
/// whether it already has an account is settled later by <see cref="AccountRequestHandler"/>,
/// which writes to its owner instead of telling this visitor.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(AccountRequestRecorder requests, PasswordPolicy policy) : PageModel
{
    /// <summary>The user-name characters Identity allows by default: checked here, where the visitor can fix it.</summary>
    public const string AccountAddressCharacters = @"^[A-Za-z0-9\-._@+]+$";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // S10, U2: the policy's reasons beside the field, with any other error, in one answer.
        if (!string.IsNullOrEmpty(Input.Password))
        {
            foreach (var reason in policy.Check(Input.Password, Input.Email)) ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Password)}", reason);
        }

        if (!ModelState.IsValid) return Page();

        await requests.RegisterAsync(Input.Email, Input.Password);
        RegisterConfirmationModel.Remember(TempData, Input.Email, resend: false);
        return RedirectToPage("./RegisterConfirmation");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = ResetEmailRules.Missing)]
        [StringLength(ResetEmailRules.MaxLength, ErrorMessage = ResetEmailRules.TooLong)]
        [EmailAddress(ErrorMessage = ResetEmailRules.Malformed)]
        [RegularExpression(AccountAddressCharacters, ErrorMessage = "An account address here can use letters, digits and - . _ @ + only.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
