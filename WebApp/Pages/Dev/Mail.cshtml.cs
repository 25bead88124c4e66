using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using RazorReset.Email;
using RazorReset.PasswordReset;

namespace RazorReset.Pages.Dev;

/// <summary>E5: with nothing installed, a newcomer reads the emails here, as the recipient would see them. Development only.</summary>
public sealed partial class MailModel(
    IWebHostEnvironment environment, IOptions<EmailOptions> options, IOptions<PasswordResetOptions> resetOptions, PickupFolder folder, ThrottledResets throttled) : PageModel
{
    /// <summary>
    /// The email's own document, framed by this page: sandboxed (no script, an opaque origin),
    /// nothing fetched from anywhere, its inline styles allowed because that is how email is styled.
    /// </summary>
    public const string PreviewPolicy =
        "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

    public EmailOptions Settings => options.Value;

    public string Folder => folder.Path;

    public IReadOnlyList<PickupMessage> Messages { get; private set; } = [];

    public PickupMessage? Selected { get; private set; }

    public IReadOnlyList<string> SelectedLinks { get; private set; } = [];

    public int PerAccountLimit => resetOptions.Value.MaxEmailsPerAccountPerHour;

    public IReadOnlyList<ThrottledAccount> Throttled { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        if (!environment.IsDevelopment()) return NotFound();
        Throttled = await throttled.LastHourAsync(HttpContext.RequestAborted);
        if (Settings.Transport != MailTransportKind.Pickup) return Page();

        Messages = folder.Newest();
        if (id is null) return Page();

        Selected = Messages.FirstOrDefault(m => m.Id == id);
        if (Selected is null) return NotFound();
        SelectedLinks = LinkPattern().Matches(Selected.Text).Select(m => m.Value).Distinct().ToList();
        return Page();
    }

    /// <summary>The HTML part alone, for the preview frame; its links open outside the frame, as a mail client's do.</summary>
    public IActionResult OnGetHtml(string? id)
    {
        if (!environment.IsDevelopment() || id is null || folder.Find(id) is not { } message) return NotFound();

        Response.Headers.ContentSecurityPolicy = PreviewPolicy;
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(HeadPattern().Replace(message.Html, "$0<base target=\"_blank\">", 1), "text/html; charset=utf-8");
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<head[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HeadPattern();
}
