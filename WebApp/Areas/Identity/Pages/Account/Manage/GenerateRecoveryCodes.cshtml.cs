using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RazorReset.Areas.Identity.Pages.Account.Manage;

/// <summary>Replaces the recovery codes; only while two-factor sign-in is on (S3: otherwise it says so).</summary>
public sealed class GenerateRecoveryCodesModel(UserManager<IdentityUser> users) : PageModel
{
    public const int CodeCount = 10;

    [TempData]
    public string[]? RecoveryCodes { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await users.WithTwoFactorOnAsync(this) is null ? this.BackToOverview(TwoFactorPreconditions.AlreadyOff) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.WithTwoFactorOnAsync(this);
        if (user is null) return this.BackToOverview(TwoFactorPreconditions.AlreadyOff);

        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, CodeCount))?.ToArray();
        TempData["StatusMessage"] = "You have new recovery codes; the old ones no longer work.";
        return RedirectToPage("./ShowRecoveryCodes");
    }
}
