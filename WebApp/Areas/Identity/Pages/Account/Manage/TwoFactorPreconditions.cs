using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RazorReset.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The two-factor pages' shared step: the signed-in account, or where to go when a page is reached
/// without its precondition (S3: a redirect with a status message, never an exception).
/// </summary>
internal static class TwoFactorPreconditions
{
    public const string OverviewPage = "./TwoFactorAuthentication";

    public const string AlreadyOff = "Two-factor sign-in is off, so there is nothing to change here. Set up an authenticator app to turn it on.";

    public static RedirectToPageResult BackToOverview(this PageModel page, string message)
    {
        page.TempData["StatusMessage"] = message;
        return page.RedirectToPage(OverviewPage);
    }

    public static async Task<IdentityUser?> WithTwoFactorOnAsync(this UserManager<IdentityUser> users, PageModel page)
    {
        var user = await users.GetUserAsync(page.User);
        return user is not null && await users.GetTwoFactorEnabledAsync(user) ? user : null;
    }
}
