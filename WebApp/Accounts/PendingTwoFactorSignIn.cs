using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace RazorReset.Accounts;

/// <summary>
/// Guards Identity UI's second sign-in step (LoginWith2fa, LoginWithRecoveryCode), which throws
/// when reached without a pending two-factor sign-in and redirects to any returnUrl it is given.
/// Without the precondition the visitor is sent to the sign-in page; a foreign returnUrl becomes
/// the home page; a value no checkbox sends is a 400.
/// </summary>
public sealed class PendingTwoFactorSignIn : IAsyncPageFilter
{
    public static readonly string[] Pages = ["/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode"];

    private static readonly string[] Checkboxes = ["rememberMe", "Input.RememberMachine"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<IdentityUser>>();
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            context.Result = new RedirectToPageResult("/Account/Login", new { area = "Identity" });
            return;
        }

        if (Checkboxes.Any(key => context.ModelState[key]?.Errors.Count > 0))
        {
            context.Result = new BadRequestResult();
            return;
        }

        if (context.HandlerArguments.TryGetValue("returnUrl", out var returnUrl))
        {
            context.HandlerArguments["returnUrl"] = ReturnUrls.Local(returnUrl as string);
        }

        await next();
    }
}
