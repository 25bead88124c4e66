using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
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
    /// <summary>
    /// Visited directly, only the codes the pipeline re-executes to are shown; any other number
    /// (0, -1, 999999) is a page that does not exist. Echoing it would make an invalid status line.
    /// </summary>
    private static readonly HashSet<int> Known =
    [
        StatusCodes.Status400BadRequest,
        StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound,
        StatusCodes.Status405MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests,
    ];

    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    /// <summary>Without a handler of its own, Razor Pages would answer a re-executed OPTIONS with an empty 200.</summary>
    public void OnOptions()
    {
    }

    /// <summary>Runs for every method, handler or not: a re-executed PUT or TRACE gets its page too.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var code = int.TryParse(RouteData.Values["code"] as string, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        Code = reExecuted && code is >= 400 and <= 599 ? code : Known.Contains(code) ? code : StatusCodes.Status404NotFound;
        (Title, Message) = Code switch
        {
            StatusCodes.Status404NotFound => ("Page not found", "There is nothing at this address. Check the link, or start again from the home page."),
            StatusCodes.Status429TooManyRequests => ("Too many attempts", RetryMessage()),
            StatusCodes.Status400BadRequest => ("This request could not be accepted", "The form may have expired or been sent twice. Go back, reload the page and try again."),
            StatusCodes.Status413PayloadTooLarge => ("This request could not be accepted", "What was sent is far larger than this form takes. Go back and use the page's own form."),
            StatusCodes.Status405MethodNotAllowed or StatusCodes.Status415UnsupportedMediaType =>
                ("This request could not be accepted", "Go back and use the page's own form."),
            StatusCodes.Status403Forbidden => ("Not available", "You do not have access to this page."),
            _ => ("Something went wrong", "Please try again in a moment."),
        };
        Response.StatusCode = Code;
        if (HttpContext.Items[RateLimitPolicies.RetryAfterItem] is int seconds)
        {
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    private string RetryMessage()
    {
        var seconds = HttpContext.Items[RateLimitPolicies.RetryAfterItem] as int? ?? 600;
        var wait = seconds < 90 ? $"{seconds} seconds" : $"{(int)Math.Ceiling(seconds / 60.0)} minutes";
        return $"For your security we limit how often this can be tried. Please wait {wait} and try again.";
    }
}
