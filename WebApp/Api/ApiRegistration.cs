using Microsoft.OpenApi;

namespace RazorReset.Api;

public static class ApiRegistration
{
    public const string PathPrefix = "/api";

    public static void AddJsonApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // Development would otherwise throw on unreadable bodies and show the exception; answer as
        // production does, with a plain 400 problem, so what a client developer sees is what ships.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "RazorReset API",
                Version = "v1",
                Description = ResetPasswordApiDocs.DocumentDescription,
            };
            return Task.CompletedTask;
        }));
    }

    public static void MapJsonApi(this WebApplication app)
    {
        // The document helps client developers; production does not advertise its surface.
        if (app.Environment.IsDevelopment()) app.MapOpenApi();
        app.MapResetPasswordApi();
    }

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments(PathPrefix);

    /// <summary>
    /// A3: errors the framework answers with a bare status (malformed JSON, wrong content type, a
    /// body over the limit, an unknown route or method) become problem+json, never an HTML page.
    /// </summary>
    public static IApplicationBuilder UseApiProblemDetails(this IApplicationBuilder api) =>
        api.UseStatusCodePages(context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            var (title, detail) = status switch
            {
                StatusCodes.Status400BadRequest => (null, "The body must be a JSON object with the fields the API document describes."),
                StatusCodes.Status413PayloadTooLarge => ("Content Too Large", $"The body may have at most {ResetPasswordApi.MaxBodyBytes} bytes."),
                StatusCodes.Status415UnsupportedMediaType => (null, "Send the body as application/json."),
                _ => ((string?)null, (string?)null),
            };
            return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context.HttpContext);
        });
}
