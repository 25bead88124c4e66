using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RazorReset.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Sets up an authenticator app. The key is created by a POST, never by showing the page (S9:
/// Identity UI's page wrote a key on GET), then a code from the app proves it was copied right.
/// </summary>
public sealed class EnableAuthenticatorModel(UserManager<IdentityUser> users, UrlEncoder urlEncoder) : PageModel
{
    private const string Issuer = "RazorReset";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string[]? RecoveryCodes { get; set; }

    /// <summary>The key grouped in fours for typing, or null before one was created.</summary>
    public string? SharedKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateKeyAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (await users.GetAuthenticatorKeyAsync(user) is null) await users.ResetAuthenticatorKeyAsync(user);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await LoadKeyAsync(user)) return RedirectToPage();
        if (!ModelState.IsValid) return Page();

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Code)}", "That code does not match. Type the 6 digits your app shows now.");
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        StatusMessage = "Your authenticator app is set up: signing in now asks for a code from it.";
        if (await users.CountRecoveryCodesAsync(user) > 0) return RedirectToPage(TwoFactorPreconditions.OverviewPage);

        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, GenerateRecoveryCodesModel.CodeCount))?.ToArray();
        return RedirectToPage("./ShowRecoveryCodes");
    }

    private async Task<bool> LoadKeyAsync(IdentityUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (key is null) return false;

        SharedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(group => new string(group)));
        var account = await users.GetEmailAsync(user) ?? "";
        AuthenticatorUri = $"otpauth://totp/{urlEncoder.Encode(Issuer)}:{urlEncoder.Encode(account)}?secret={key}&issuer={urlEncoder.Encode(Issuer)}&digits=6";
        return true;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Type the code your authenticator app shows.")]
        [StringLength(9, MinimumLength = 6, ErrorMessage = "The code is 6 digits.")]
        [Display(Name = "Code from the app")]
        public string Code { get; set; } = "";
    }
}
