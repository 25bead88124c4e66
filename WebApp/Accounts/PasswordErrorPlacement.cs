using Microsoft.AspNetCore.Mvc.Filters;
using RazorReset.PasswordReset;

namespace RazorReset.Accounts;

/// <summary>
/// Identity UI's register and change/set-password pages put every IdentityResult error in the
/// form-wide summary. S10 and U2 want the password policy's reasons beside the password field,
/// tied to it; this moves exactly the reasons the policy gave during this request there.
/// </summary>
public sealed class PasswordErrorPlacement : IAsyncPageFilter
{
    private static readonly string[] PasswordFields = ["Input.NewPassword", "Input.Password"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var modelState = executed.ModelState;
        if (!modelState.TryGetValue(string.Empty, out var formWide)) return; // the usual case: nothing to move

        var given = executed.HttpContext.RequestServices.GetRequiredService<PasswordPolicyReasons>();
        if (!given.Any) return;

        var field = PasswordFields.FirstOrDefault(modelState.ContainsKey);
        if (field is null) return;

        var moved = formWide.Errors.Where(error => given.Contains(error.ErrorMessage)).ToList();
        foreach (var error in moved)
        {
            formWide.Errors.Remove(error);
            modelState.AddModelError(field, error.ErrorMessage);
        }

        if (formWide.Errors.Count == 0) modelState.Remove(string.Empty);
    }
}
