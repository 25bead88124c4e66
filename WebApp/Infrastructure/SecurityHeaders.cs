using RazorReset.Api;

namespace RazorReset.Infrastructure;

/// <summary>
/// S7 on every response, Identity UI's included: a CSP with no inline script or style, no
/// Referer ever (the reset URL must not leak), no sniffing, no framing, no powerful features.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            var headers = response.Headers;
            // Only a response that brings its own, sandboxing policy keeps it: /dev/mail's email preview.
            if (!headers.ContentSecurityPolicy.ToString().StartsWith("sandbox", StringComparison.Ordinal))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
            }

            headers["Referrer-Policy"] = "no-referrer";
            headers.XContentTypeOptions = "nosniff";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";

            // Pages and API answers are never cached: they may carry reset state or account data.
            var contentType = response.ContentType ?? "";
            if (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) ||
                contentType.Contains("json", StringComparison.OrdinalIgnoreCase) ||
                ApiRegistration.IsApiRequest(response.HttpContext) ||
                response.StatusCode is >= 300 and < 400)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        }, context.Response);

        return next(context);
    }
}
