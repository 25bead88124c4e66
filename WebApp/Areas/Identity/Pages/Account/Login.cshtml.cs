using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RazorReset.Accounts;

namespace RazorReset.Areas.Identity.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(PasswordSignIn signIn) : PageModel
{
    public const string RefusedMessage = "That email address and password did not sign you in. Check both and try again.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = ReturnUrls.Home;

    public bool Refused { get; private set; }

    public void OnGet(string? returnUrl = null) => ReturnUrl = ReturnUrls.Local(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = ReturnUrls.Local(returnUrl);
        if (ModelState[$"{nameof(Input)}.{nameof(Input.RememberMe)}"]?.Errors.Count > 0) return BadRequest(); // not a checkbox's value
        if (!ModelState.IsValid) return Page();

        switch (await signIn.SignInAsync(Input.Email, Input.Password, Input.RememberMe))
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(ReturnUrl);
            case SignInOutcome.TwoFactorRequired:
                return RedirectToPage("./LoginWith2fa", new { ReturnUrl, Input.RememberMe });
            default:
                Refused = true;
                return Page();
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [StringLength(256, ErrorMessage = "An email address is at most 256 characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(1024, ErrorMessage = "That is longer than any password here.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
