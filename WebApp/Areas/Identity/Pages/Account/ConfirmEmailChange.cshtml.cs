using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace RazorReset.Areas.Identity.Pages.Account;

/// <summary>
/// The link mailed to a new address by the manage email page. As on ConfirmEmail, the outcome is
/// shown here only, and an unknown account and a bad code get the same page (S4).
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailChangeModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn) : PageModel
{
    public bool Changed { get; private set; }

    public string NewEmail { get; private set; } = "";

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public async Task<IActionResult> OnGetAsync(string? userId, string? email, string? code)
    {
        var user = await ChangeAsync(userId, email, code);
        Changed = user is not null;
        if (user is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        NewEmail = user.Email!;
        // The change rotated the security stamp; this browser stays signed in only if it is the owner's.
        if (users.GetUserId(User) == user.Id) await signIn.RefreshSignInAsync(user);
        return Page();
    }

    private async Task<IdentityUser?> ChangeAsync(string? userId, string? email, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(email) || string.IsNullOrEmpty(code) ||
            userId.Length > 64 || email.Length > 256 || code.Length > 2048)
        {
            return null;
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null || !(await users.ChangeEmailAsync(user, email, token)).Succeeded) return null;

        // The user name follows the address (the account is shown by it); sign-in goes by the address itself.
        await users.SetUserNameAsync(user, email);
        return user;
    }
}
