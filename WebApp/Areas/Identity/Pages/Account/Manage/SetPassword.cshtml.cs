using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RazorReset.PasswordReset;

namespace RazorReset.Areas.Identity.Pages.Account.Manage;

/// <summary>A first password for an account that has none; one that has a password changes it instead.</summary>
public sealed class SetPasswordModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, PasswordPolicy policy) : PageModel
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
        return await users.HasPasswordAsync(user) ? RedirectToPage("./ChangePassword") : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (await users.HasPasswordAsync(user)) return RedirectToPage("./ChangePassword");

        // S10, U2: every reason at once, the policy's included, not one per attempt.
        if (!string.IsNullOrEmpty(Input.NewPassword))
        {
            foreach (var reason in policy.Check(Input.NewPassword, user.Email, user.UserName)) AddError(reason);
        }
        if (!ModelState.IsValid) return Page();

        var result = await users.AddPasswordAsync(user, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) AddError(error.Description);
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Your password has been set. From now on you can sign in with your email address and this password.";
        return RedirectToPage("./ChangePassword");
    }

    private void AddError(string message) => ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.NewPassword)}", message);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a new password.")]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
