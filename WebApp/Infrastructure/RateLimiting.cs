using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RazorReset.Api;
using RedisRateLimiting;

namespace RazorReset.Infrastructure;

public static class RateLimitPolicies
{
    public const string Forgot = "forgot";
    public const string ResetLink = "reset-link";
    public const string NewPassword = "new-password";
    public const string ResetCode = "reset-code";
    public const string Api = "api";
    public const string AccountForms = "account-forms";

    /// <summary>Where the 429 page finds how long to wait.</summary>
    public const string RetryAfterItem = "RazorReset.RetryAfter";

    /// <summary>
    /// S5: one fixed window per client IP and policy, on the named methods only; kept in Redis
    /// when <c>Redis:Configuration</c> is set, so that every instance spends the same budget (D4).
    /// </summary>
    public static void AddPerIpRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<SharedRateLimitStore>();
        services.AddHostedService(provider => provider.GetRequiredService<SharedRateLimitStore>());
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Forgot, context => PerIp(context, Forgot, ResetForms, HttpMethods.Post));
            options.AddPolicy(ResetLink, context => PerIp(context, ResetLink, ResetForms, HttpMethods.Get, HttpMethods.Head));
            options.AddPolicy(NewPassword, context => PerIp(context, NewPassword, ResetForms, HttpMethods.Post));
            options.AddPolicy(ResetCode, context => PerIp(context, ResetCode, ResetForms, HttpMethods.Post));
            options.AddPolicy(Api, context => PerIp(context, Api, ResetForms, HttpMethods.Post, HttpMethods.Patch));
            options.AddPolicy(AccountForms, context => PerIp(context, AccountForms, settings => settings.AccountFormsPermitLimit, HttpMethods.Post));
            options.OnRejected = OnRejectedAsync;
        });
    }

    private static int ResetForms(RateLimitingOptions settings) => settings.PermitLimit;

    private static RateLimitPartition<string> PerIp(HttpContext context, string policy, Func<RateLimitingOptions, int> permitLimit, params string[] methods)
    {
        if (!methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        // Null-safe: a connection without an address (a test server, a Unix socket) shares one bucket.
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var partition = $"{policy}:{client}";
        var shared = context.RequestServices.GetRequiredService<SharedRateLimitStore>();
        if (shared.IsConfigured)
        {
            return RateLimitPartition.Get(partition, key => new SharedFixedWindowRateLimiter(shared, key, permitLimit(settings), settings.Window));
        }

        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit(settings),
            Window = settings.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var retryAfter = RetryAfter(rejected.Lease) ?? settings.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Items[RetryAfterItem] = seconds;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RazorReset.RateLimiting")
            .RateLimited(context.Request.Path);

        if (ApiRegistration.IsApiRequest(context))
        {
            await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests.",
                    detail: $"Try again in {seconds} seconds.",
                    type: "urn:razorreset:problem:too-many-requests")
                .ExecuteAsync(context);
        }

        // Pages: the status-code page renders a readable 429 with the wait (U3).
    }

    /// <summary>The in-process limiter's wait, or the Redis limiter's (whole seconds, its own metadata name).</summary>
    private static TimeSpan? RetryAfter(RateLimitLease lease)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)) return wait;
        if (lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var seconds)) return TimeSpan.FromSeconds(seconds);
        return null;
    }
}
