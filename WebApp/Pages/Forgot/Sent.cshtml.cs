using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RazorReset.Infrastructure;
using RazorReset.PasswordReset;

namespace RazorReset.Pages.Forgot;

/// <summary>"Check your email", and the code form for a reset finished where it was asked for (A4).</summary>
[EnableRateLimiting(RateLimitPolicies.ResetCode)]
public sealed class SentModel(IOptions<PasswordResetOptions> options, PendingResetCookie pending) : PageModel
{
    public const string WrongCode = "That code is not right. Check it against the newest email and try again.";
    public const string NeedsNewEmail = "This code can no longer be used: it was tried too many times or has expired. Request a new email.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ExpiryText => options.Value.ExpiryText;

    /// <summary>Only a browser that asked (and so holds the pending-reset cookie) is offered the form.</summary>
    public bool OffersCode { get; private set; }

    public bool CodeUsedUp { get; private set; }

    /// <summary>The address this browser typed, so a typo shows (never from the URL, never looked up).</summary>
    public string? Address { get; private set; }

    public void OnGet()
    {
        var reset = pending.Read(Request);
        Address = reset?.Email;
        OffersCode = options.Value.Codes.Enabled && reset is not null;
    }

    public async Task<IActionResult> OnPostAsync(
        [FromServices] ResetCodeRedeemer codes,
        [FromServices] ResetCookie resetCookie,
        CancellationToken cancellationToken)
    {
        var reset = pending.Read(Request);
        if (!options.Value.Codes.Enabled || reset is null) return RedirectToPage("/Forgot/Index");

        OffersCode = true;
        Address = reset.Email;
        if (!ModelState.IsValid) return Page();

        var redemption = await codes.RedeemForRequestAsync(reset.RequestId, Input.Code, cancellationToken);
        if (redemption.Ticket is null)
        {
            CodeUsedUp = redemption.NeedsNewEmail;
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Code)}", redemption.NeedsNewEmail ? NeedsNewEmail : WrongCode);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The same handoff as the link's (F4): from here on /NewPassword cannot tell which was used.
        resetCookie.Write(Response, redemption.Ticket);
        return RedirectToPage("/NewPassword/Index");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the code from the email.")]
        [RegularExpression(@"^[\d\s-]{8,12}$", ErrorMessage = "The code is 8 digits, like 1234 5678.")]
        public string Code { get; set; } = "";
    }
}
