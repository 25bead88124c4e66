using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RazorReset.Pages;

/// <summary>
/// The page the exception handler re-executes to. Asked for directly there was no error, so it does
/// not exist (S3: a 500 a client can provoke at will would read as a fault to monitoring).
/// </summary>
public sealed class ErrorModel : PageModel
{
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is null) context.Result = NotFound();
    }
}
