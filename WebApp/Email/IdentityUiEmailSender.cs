using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Options;
using RazorReset.Infrastructure;

namespace RazorReset.Email;

/// <summary>
/// Identity UI's pages (register, resend confirmation, change email) hand over a finished HTML
/// snippet with a link built from the request's Host header. This adapter keeps only the link's
/// path and query, rebuilds it on <see cref="AppOptions.PublicBaseUrl"/> (S8) and sends our own
/// multipart template through the outbox (E1, E3), so no message bypasses the pipeline.
/// </summary>
public sealed partial class IdentityUiEmailSender(
    Outbox outbox,
    EmailTemplates templates,
    IOptions<AppOptions> app,
    ILogger<IdentityUiEmailSender> logger) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var match = HrefPattern().Match(htmlMessage);
        if (!subject.Contains("Confirm", StringComparison.OrdinalIgnoreCase) || !match.Success ||
            !Uri.TryCreate(WebUtility.HtmlDecode(match.Groups["href"].Value), UriKind.Absolute, out var link))
        {
            // Identity UI's own reset pages are redirected away (F7); anything else unknown is refused loudly.
            logger.UnknownIdentityEmail(subject);
            throw new InvalidOperationException($"No email template for Identity UI message '{subject}'.");
        }

        await outbox.QueueAsync(templates.ConfirmEmail(email, app.Value.Link(link.PathAndQuery)));
    }

    [GeneratedRegex("href='(?<href>[^']+)'")]
    private static partial Regex HrefPattern();
}
