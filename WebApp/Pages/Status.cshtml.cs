using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RazorReset.Infrastructure;

namespace RazorReset.Pages;

/// <summary>
/// Renders 400/404/429 and friends after the pipeline set the status. It changes nothing, so it
/// answers any method without an antiforgery token (a rejected POST is re-executed here).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public IActionResult OnGet(int code) => Render(code);

    public IActionResult OnPost(int code) => Render(code);

    public IActionResult OnPatch(int code) => Render(code);

    private PageResult Render(int code)
    {
        Code = code;
        (Title, Message) = code switch
        {
            StatusCodes.Status404NotFound => ("Page not found", "There is nothing at this address. Check the link, or start again from the home page."),
            StatusCodes.Status429TooManyRequests => ("Too many attempts", RetryMessage()),
            StatusCodes.Status400BadRequest => ("This request could not be accepted", "The form may have expired or been sent twice. Go back, reload the page and try again."),
            StatusCodes.Status405MethodNotAllowed => ("This request could not be accepted", "Go back and use the page's own form."),
            _ => ("Something went wrong", "Please try again in a moment."),
        };
        Response.StatusCode = code;
        if (HttpContext.Items[RateLimitPolicies.RetryAfterItem] is int seconds)
        {
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return Page();
    }

    private string RetryMessage()
    {
        var seconds = HttpContext.Items[RateLimitPolicies.RetryAfterItem] as int? ?? 600;
        var wait = seconds < 90 ? $"{seconds} seconds" : $"{(int)Math.Ceiling(seconds / 60.0)} minutes";
        return $"For your security we limit how often this can be tried. Please wait {wait} and try again.";
    }
}
