namespace RazorReset.Infrastructure;

/// <summary>
/// Puts <see cref="SecurityHeadersMiddleware"/> in front of everything, the host filtering the
/// framework adds included, so a refusal for a forged Host header carries the headers too (S7).
/// </summary>
public sealed class SecurityHeadersStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        next(app);
    };
}
