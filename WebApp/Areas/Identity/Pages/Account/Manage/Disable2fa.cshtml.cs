using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RazorReset.Areas.Identity.Pages.Account.Manage;

/// <summary>Turns two-factor sign-in off; reached while it is already off, it says so (S3).</summary>
public sealed class Disable2faModel(UserManager<IdentityUser> users) : PageModel
{
    public async Task<IActionResult> OnGetAsync() =>
        await users.WithTwoFactorOnAsync(this) is null ? this.BackToOverview(TwoFactorPreconditions.AlreadyOff) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.WithTwoFactorOnAsync(this);
        if (user is null) return this.BackToOverview(TwoFactorPreconditions.AlreadyOff);

        var result = await users.SetTwoFactorEnabledAsync(user, false);
        return this.BackToOverview(result.Succeeded
            ? "Two-factor sign-in is off. Your authenticator app stays set up; you can turn it back on at any time."
            : "Error: two-factor sign-in could not be turned off. Please try again.");
    }
}
