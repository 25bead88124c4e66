using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace RazorReset.Areas.Identity.Pages.Account;

/// <summary>
/// "Check your email" after registering or asking for the confirmation again. The address comes in
/// TempData (an encrypted cookie), never in the URL, and is shown once, so a typo can be seen (S4:
/// the same page whether or not the address has an account).
/// </summary>
[AllowAnonymous]
public sealed class RegisterConfirmationModel : PageModel
{
    private const string SentToKey = "Account.SentTo";
    private const string ResendKey = "Account.Resend";

    public string? SentTo { get; private set; }

    public bool Resend { get; private set; }

    public static void Remember(ITempDataDictionary tempData, string email, bool resend)
    {
        tempData[SentToKey] = email;
        tempData[ResendKey] = resend;
    }

    public void OnGet()
    {
        SentTo = TempData[SentToKey] as string;
        Resend = TempData[ResendKey] as bool? ?? false;
    }
}
