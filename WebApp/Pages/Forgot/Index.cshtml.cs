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
    public AddressInput Input { get; set; } = new();

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
}
