using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RazorReset.PasswordReset;

namespace RazorReset.Areas.Identity.Pages.Account.Manage;

public sealed class ChangePasswordModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, PasswordPolicy policy) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The rule's hint describes the field until an error there says it instead.</summary>
    public string? PasswordHintId =>
        ModelState.GetFieldValidationState($"{nameof(Input)}.{nameof(Input.NewPassword)}") == ModelValidationState.Invalid ? null : "password-hint";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        return await users.HasPasswordAsync(user) ? Page() : RedirectToPage("./SetPassword");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();

        // S10, U2: every reason at once, the policy's included, not one per attempt.
        if (!string.IsNullOrEmpty(Input.NewPassword))
        {
            foreach (var reason in policy.Check(Input.NewPassword, user.Email, user.UserName)) AddError(nameof(Input.NewPassword), reason);
        }
        if (!ModelState.IsValid) return Page();

        var result = await users.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                AddError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(Input.OldPassword) : nameof(Input.NewPassword),
                    error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "That is not your current password." : error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Your password has been changed. Other devices signed in to your account will be signed out shortly.";
        return RedirectToPage();
    }

    private void AddError(string field, string message) => ModelState.AddModelError($"{nameof(Input)}.{field}", message);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        public string OldPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password.")]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
