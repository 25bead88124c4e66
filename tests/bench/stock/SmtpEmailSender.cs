// Copied into the generated stock app by tests/bench/run (nothing of that app is committed).
// The IEmailSender most teams write for Identity UI: one SmtpClient per message, sent inline,
// so the ForgotPassword POST waits for the SMTP conversation when the account exists.
using System.Net.Mail;
using Microsoft.AspNetCore.Identity.UI.Services;

public sealed class SmtpEmailSender(IConfiguration configuration) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        using var client = new SmtpClient(configuration["Smtp:Host"] ?? "localhost", configuration.GetValue("Smtp:Port", 25));
        using var message = new MailMessage("no-reply@stock.local", email, subject, htmlMessage) { IsBodyHtml = true };
        await client.SendMailAsync(message);
    }
}
