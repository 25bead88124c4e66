using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using RazorReset.Accounts;

namespace RazorReset.Infrastructure;

public static class WebUiRegistration
{
    public static void AddWebUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeAreaFolder("Identity", "/Account/Manage");
                // Rate limiting on every form: Identity UI's sign-in has no lockout by default. Signing
                // out is never refused: on a shared computer that would be the harm.
                options.Conventions.AddAreaFolderApplicationModelConvention("Identity", "/Account", page =>
                {
                    if (page.ViewEnginePath != "/Account/Logout")
                    {
                        page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimitPolicies.AccountForms));
                    }
                });
            })
            // Validation runs on the server only (U1). Client validation would also emit an inline
            // style="display:none" in every validation summary, which the CSP forbids (S7).
            .AddViewOptions(options => options.HtmlHelperOptions.ClientValidationEnabled = false)
            .AddMvcOptions(options =>
            {
                options.Filters.Add<PostHandlerRequired>();
            });
        builder.Services.Replace(ServiceDescriptor.Singleton<IHtmlGenerator, AccessibleHtmlGenerator>());
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<OutboxHealthCheck>("outbox");
    }

    public static void MapWebUi(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(AssetsRoot(app.Environment)),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });

        app.UseRouting();
        app.UseMiddleware<PageMethodsMiddleware>();
        app.UseMiddleware<RetiredIdentityPagesMiddleware>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/healthz").WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        app.MapBenchmarkEndpoints();
        app.MapRazorPages();
    }

    /// <summary>
    /// The front-end sources live in the repository's top-level wwwroot-assets folder and are
    /// served from there as they are; a published app carries a copy beside its binaries.
    /// </summary>
    private static string AssetsRoot(IWebHostEnvironment environment)
    {
        var beside = Path.Combine(environment.ContentRootPath, "wwwroot-assets");
        return Directory.Exists(beside) ? beside : Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "wwwroot-assets"));
    }
}

/// <summary>
/// F7: Identity UI's own forgot/reset pages would be a second, weaker path (inline token in the
/// URL, no per-account limit). Every one of their URLs now leads to /Forgot.
/// </summary>
public sealed class RetiredIdentityPagesMiddleware(RequestDelegate next)
{
    private static readonly PathString[] Retired =
    [
        "/Identity/Account/ForgotPassword",
        "/Identity/Account/ForgotPasswordConfirmation",
        "/Identity/Account/ResetPassword",
        "/Identity/Account/ResetPasswordConfirmation",
    ];

    public Task InvokeAsync(HttpContext context)
    {
        if (Retired.Any(path => context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)))
        {
            // 303: a POST to the old form becomes a GET of the new page.
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = "/Forgot";
            return Task.CompletedTask;
        }

        return next(context);
    }
}
