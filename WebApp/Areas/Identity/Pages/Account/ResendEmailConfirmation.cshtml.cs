using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RazorReset.Accounts;
using RazorReset.PasswordReset;

namespace RazorReset.Areas.Identity.Pages.Account;

/// <summary>S4: the same insert and the same "check your email" for every address; the processor decides who gets mail.</summary>
[AllowAnonymous]
public sealed class ResendEmailConfirmationModel(AccountRequestRecorder requests) : PageModel
{
    [BindProperty]
    public AddressInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        await requests.ResendConfirmationAsync(Input.Email);
        RegisterConfirmationModel.Remember(TempData, Input.Email, resend: true);
        return RedirectToPage("./RegisterConfirmation");
    }
}
