using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RazorReset.Infrastructure;

/// <summary>
/// Razor Pages render a page for any method that has no handler, so TRACE, PUT or PROPFIND would
/// answer 200 with the page. Pages take GET, HEAD and POST; anything else is 405.
/// </summary>
public sealed class PageMethodsMiddleware(RequestDelegate next)
{
    public const string Allowed = "GET, HEAD, POST";

    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method) ||
            context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null ||
            context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = Allowed;
        return Task.CompletedTask;
    }
}
