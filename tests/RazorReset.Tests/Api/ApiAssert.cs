using RazorReset.Infrastructure;

namespace RazorReset.Tests.Api;

public static class ApiAssert
{
    /// <summary>S7 on an API answer: the pages' headers, and never stored by a cache.</summary>
    public static void HasSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
