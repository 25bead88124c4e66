using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RazorReset.Infrastructure;
using RazorReset.PasswordReset;

namespace RazorReset.Pages.Forgot;

[EnableRateLimiting(RateLimitPolicies.Forgot)]
public sealed class IndexModel : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    /// <summary>F1, F2: the same single insert and the same redirect for every valid address.</summary>
    public async Task<IActionResult> OnPostAsync(
        [FromServices] ResetRequests requests,
        [FromServices] PendingResetCookie pending,
        CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid) return Page();

        var requestId = await requests.RecordAsync(Input.Email, cancellationToken);
        pending.Write(Response, new PendingReset(requestId, Input.Email));
        return RedirectToPage("/Forgot/Sent");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = ResetEmailRules.Missing)]
        [StringLength(ResetEmailRules.MaxLength, ErrorMessage = ResetEmailRules.TooLong)]
        [EmailAddress(ErrorMessage = ResetEmailRules.Malformed)]
        [RegularExpression(ResetEmailRules.NoWhitespace, ErrorMessage = ResetEmailRules.Malformed)]
        public string Email { get; set; } = "";
    }
}
