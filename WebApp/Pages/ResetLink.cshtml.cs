using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RazorReset.Infrastructure;
using RazorReset.PasswordReset;

namespace RazorReset.Pages;

/// <summary>
/// F4, S9: the emailed link lands here. It only verifies; nothing is consumed, so mail scanners
/// that prefetch links do no harm. A valid link trades its token for the reset cookie.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.ResetLink)]
public sealed class ResetLinkModel(PasswordResetService resets, ResetCookie cookie) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        // Read from the query rather than bound as handler arguments, which Razor Pages logs at Trace (S11).
        var ticket = await resets.VerifyLinkAsync(Request.Query["uid"], Request.Query["token"]);
        if (ticket is null)
        {
            // One outcome for every failure: no hint of which part was wrong.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        cookie.Write(Response, ticket);
        return RedirectToPage("/NewPassword/Index");
    }
}
