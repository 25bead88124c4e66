using Microsoft.Extensions.Options;

namespace RazorReset.PasswordReset;

public static class PasswordResetRegistration
{
    public static void AddPasswordReset(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ResetTokenProviderOptions>()
            .Configure<IOptions<PasswordResetOptions>>((token, reset) => token.TokenLifespan = reset.Value.TokenLifespan);

        builder.Services.AddSingleton<ResetRequestSignal>();
        builder.Services.AddSingleton<ResetLinks>();
        builder.Services.AddSingleton<ResetCookie>();
        builder.Services.AddSingleton<PendingResetCookie>();
        builder.Services.AddSingleton<ResetCodeHasher>();
        builder.Services.AddScoped<ResetCodeIssuer>();
        builder.Services.AddScoped<ResetCodeRedeemer>();
        builder.Services.AddSingleton<ResetRequestCommits>();
        builder.Services.AddScoped<ResetRequests>();
        builder.Services.AddScoped<ResetRequestHandler>();
        builder.Services.AddScoped<PasswordResetService>();
        builder.Services.AddScoped<ThrottledResets>();
        builder.Services.AddHostedService<ResetRequestProcessor>();
    }
}
