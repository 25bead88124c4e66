using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RazorReset.Accounts;

namespace RazorReset.Areas.Identity.Pages.Account;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<IdentityUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        await signIn.SignOutAsync();
        return returnUrl is null ? RedirectToPage() : LocalRedirect(ReturnUrls.Local(returnUrl));
    }
}
