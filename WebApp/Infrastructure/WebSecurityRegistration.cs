using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using RazorReset.Api;
using RazorReset.Data;

namespace RazorReset.Infrastructure;

public static class WebSecurityRegistration
{
    public static void AddWebSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var environment = builder.Environment;

        // S12: keys survive restarts (so do emailed links) and can be shared by instances.
        services.AddDataProtection();
        services.AddOptions<DataProtectionOptions>().Configure<IOptions<DataProtectionSettings>>((options, settings) =>
            options.ApplicationDiscriminator = settings.Value.ApplicationName);
        services.AddKeyRing();

        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, SecurityHeadersStartupFilter>());
        services.AddFormLimits();
        services.AddPerIpRateLimits();
        RedactingLoggerFactory.Register(services);

        // S5: X-Forwarded-For is believed from the configured proxies only, not even from loopback.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<RateLimitingOptions>>((forwarded, limits) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in limits.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

        if (!environment.IsDevelopment())
        {
            // S8: outside Development only the public host is served.
            // An unusable URL is reported by AppOptionsValidator, which names the setting.
            services.AddOptions<HostFilteringOptions>().Configure<IConfiguration>((hosts, configuration) =>
            {
                if (Uri.TryCreate(configuration[$"{AppOptions.Section}:{nameof(AppOptions.PublicBaseUrl)}"], UriKind.Absolute, out var url))
                {
                    hosts.AllowedHosts = [url.IdnHost];
                }
            });
            services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        }
    }

    public static void UseWebSecurity(this WebApplication app)
    {
        // Without configured proxies forwarded headers are never read: the middleware would trust
        // them from any connection that has no remote address (S5).
        if (app.Services.GetRequiredService<IOptions<RateLimitingOptions>>().Value.KnownProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            // An unexpected failure shows the error page, or a bare problem+json to an API client;
            // neither carries exception details outside Development.
            app.UseWhen(context => !ApiRegistration.IsApiRequest(context), pages => pages.UseExceptionHandler("/Error"));
            app.UseWhen(ApiRegistration.IsApiRequest, api => api.UseExceptionHandler());
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        // A bare error status becomes a readable page, or problem+json for the JSON API (A3).
        app.UseWhen(context => !ApiRegistration.IsApiRequest(context), pages => pages.UseStatusCodePagesWithReExecute("/Status/{0}"));
        app.UseWhen(ApiRegistration.IsApiRequest, api => api.UseApiProblemDetails());
        app.UseMiddleware<FormLimitsMiddleware>();
    }
}
