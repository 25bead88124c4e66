using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace RazorReset.Areas.Identity.Pages.Account.Manage;

/// <summary>A new address takes effect only once its owner follows the link mailed to it.</summary>
public sealed class EmailModel(UserManager<IdentityUser> users, IEmailSender mail) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string Email { get; private set; } = "";

    public bool IsEmailConfirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostChangeEmailAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        if (!ModelState.IsValid) return Page();

        if (string.Equals(Input.NewEmail, Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.NewEmail)}", "That is already your email address.");
            return Page();
        }

        var code = await users.GenerateChangeEmailTokenAsync(user, Input.NewEmail);
        await SendLinkAsync(Input.NewEmail, "/Account/ConfirmEmailChange", new { userId = user.Id, email = Input.NewEmail, code = Encode(code) });
        StatusMessage = $"We have sent a link to {Input.NewEmail}. Your address changes once you open it.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendVerificationEmailAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);

        var code = await users.GenerateEmailConfirmationTokenAsync(user);
        await SendLinkAsync(Email, "/Account/ConfirmEmail", new { userId = user.Id, code = Encode(code) });
        StatusMessage = $"We have sent a confirmation link to {Email}.";
        return RedirectToPage();
    }

    private async Task LoadAsync(IdentityUser user)
    {
        Email = await users.GetEmailAsync(user) ?? "";
        IsEmailConfirmed = await users.IsEmailConfirmedAsync(user);
    }

    // The sender rebuilds the link on the public base URL (S8); only its path and query are used here.
    private Task SendLinkAsync(string to, string page, object values)
    {
        var link = Url.Page(page, pageHandler: null, values: new RouteValueDictionary(values) { ["area"] = "Identity" }, protocol: Request.Scheme)!;
        return mail.SendEmailAsync(to, "Confirm your email", $"Please confirm your account by <a href='{HtmlEncoder.Default.Encode(link)}'>clicking here</a>.");
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the new email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [StringLength(256, ErrorMessage = "An email address is at most 256 characters.")]
        public string NewEmail { get; set; } = "";
    }
}
