using Microsoft.Extensions.Options;

namespace RazorReset.Email;

public static class EmailRegistration
{
    public static void AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EmailTemplates>();
        builder.Services.AddSingleton<MessageComposer>();
        builder.Services.AddSingleton<OutboxProtector>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddSingleton<SmtpMailTransport>();
        builder.Services.AddSingleton<PickupMailTransport>();
        builder.Services.AddSingleton<Pages.Dev.PickupFolder>();
        builder.Services.AddSingleton<IMailTransport>(services =>
            services.GetRequiredService<IOptions<EmailOptions>>().Value.Transport == MailTransportKind.Smtp
                ? services.GetRequiredService<SmtpMailTransport>()
                : services.GetRequiredService<PickupMailTransport>());
        builder.Services.AddHostedService<OutboxSender>();
    }
}
