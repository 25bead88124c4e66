using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RazorReset.Infrastructure;
using RazorReset.PasswordReset;

namespace RazorReset.Pages.NewPassword;

[EnableRateLimiting(RateLimitPolicies.NewPassword)]
public sealed class IndexModel(PasswordResetService resets, ResetCookie cookie) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool LinkInvalid { get; private set; }

    /// <summary>The rule's hint describes the field until an error there says it instead.</summary>
    public string? PasswordHintId =>
        ModelState.GetFieldValidationState($"{nameof(Input)}.{nameof(Input.Password)}") == ModelValidationState.Invalid ? null : "password-hint";

    public async Task<IActionResult> OnGetAsync()
    {
        var ticket = cookie.Read(Request);
        return ticket is not null && await resets.IsValidAsync(ticket) ? Page() : InvalidLink();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ticket = cookie.Read(Request);
        if (ticket is null) return InvalidLink();
        if (!ModelState.IsValid)
        {
            // S10, U2: the policy's reasons with the form's, not one attempt later.
            foreach (var problem in await resets.PasswordProblemsAsync(ticket, Input.Password)) AddPasswordError(problem);
            return Page();
        }

        var result = await resets.ResetAsync(ticket, Input.Password);
        switch (result.Status)
        {
            case ResetStatus.InvalidLink:
                return InvalidLink();
            case ResetStatus.PasswordRejected:
                foreach (var problem in result.PasswordProblems) AddPasswordError(problem);
                return Page();
            default:
                cookie.Delete(Response);
                return RedirectToPage("/NewPassword/Done");
        }
    }

    private void AddPasswordError(string problem) => ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Password)}", problem);

    private PageResult InvalidLink()
    {
        cookie.Delete(Response);
        LinkInvalid = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a new password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
