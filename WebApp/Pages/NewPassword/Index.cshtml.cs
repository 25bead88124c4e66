using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
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

    /// <summary>Which field gets focus when the form comes back with errors (U2).</summary>
    public string? FirstError { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ticket = cookie.Read(Request);
        return ticket is not null && await resets.IsValidAsync(ticket) ? Page() : InvalidLink();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ticket = cookie.Read(Request);
        if (ticket is null) return InvalidLink();
        if (!ModelState.IsValid) return Redisplay();

        var result = await resets.ResetAsync(ticket, Input.Password);
        switch (result.Status)
        {
            case ResetStatus.InvalidLink:
                return InvalidLink();
            case ResetStatus.PasswordRejected:
                foreach (var problem in result.PasswordProblems)
                {
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Password)}", problem);
                }

                return Redisplay();
            default:
                cookie.Delete(Response);
                return RedirectToPage("/NewPassword/Done");
        }
    }

    private PageResult Redisplay()
    {
        FirstError = ModelState[$"{nameof(Input)}.{nameof(Input.Password)}"]?.Errors.Count > 0 ? "password" : "confirm";
        return Page();
    }

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
