using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using RazorReset.Api;

namespace RazorReset.Infrastructure;

/// <summary>
/// Reads a page request's form once, up front, within <see cref="FormLimits"/>: an oversized,
/// flooded, malformed or NUL-bearing form ends here with a bare 400/413/415 (the status page makes
/// it readable), so no page, filter or model binder ever meets one. The parsed form is cached on the
/// request and reused by antiforgery and model binding.
/// </summary>
public sealed class FormLimitsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiRegistration.IsApiRequest(context) || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }

        var status = await RefuseAsync(context);
        if (status is { } refused)
        {
            context.Response.StatusCode = refused;
            return;
        }

        await next(context);
    }

    private static async Task<int?> RefuseAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = FormLimits.MaxBodyBytes;
        }

        if (request.ContentLength > FormLimits.MaxBodyBytes) return StatusCodes.Status413PayloadTooLarge;

        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (!hasBody) return null;

        // The pages post urlencoded forms only; nothing here takes an upload.
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return StatusCodes.Status415UnsupportedMediaType;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException tooLargeOrBroken)
        {
            return tooLargeOrBroken.StatusCode;
        }
        catch (InvalidDataException)
        {
            return StatusCodes.Status400BadRequest;
        }

        return form.Any(field => field.Key.Contains('\0') || field.Value.Any(value => value?.Contains('\0') == true))
            ? StatusCodes.Status400BadRequest
            : null;
    }
}
