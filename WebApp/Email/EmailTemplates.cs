using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using RazorReset.PasswordReset;

namespace RazorReset.Email;

/// <summary>
/// Renders the E3 messages from the text and HTML templates in Email/Templates. Values are
/// HTML-encoded for the HTML part; the first line of the text template is the subject, the first
/// line of the HTML template the preheader (the line a mail client shows beside the subject), and
/// every HTML body goes into one layout (layout.html).
/// </summary>
public sealed class EmailTemplates
{
    /// <summary>The reset email; the code's part (<c>{{#Code}}…{{/Code}}</c>) only when a code is given (A4).</summary>
    public EmailMessage ResetLink(string to, string link, string expiry, string? code = null) =>
        Render(EmailKinds.ResetLink, to, new()
        {
            ["Link"] = link,
            ["Expiry"] = expiry,
            ["Code"] = code is null ? "" : OneTimeCode.Display(code),
        });

    public EmailMessage PasswordChanged(string to, DateTimeOffset changedAt, string forgotLink) =>
        Render(EmailKinds.PasswordChanged, to, new()
        {
            ["ChangedAt"] = changedAt.ToUniversalTime().ToString("dddd d MMMM yyyy 'at' HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
            ["ForgotLink"] = forgotLink,
        });

    public EmailMessage ConfirmEmail(string to, string link) =>
        Render(EmailKinds.ConfirmEmail, to, new() { ["Link"] = link });

    /// <summary>To the owner of an address someone tried to register (or asked to confirm) again.</summary>
    public EmailMessage AccountExists(string to, string signInLink, string forgotLink) =>
        Render(EmailKinds.AccountExists, to, new() { ["SignInLink"] = signInLink, ["ForgotLink"] = forgotLink });

    private static EmailMessage Render(string kind, string to, Dictionary<string, string> values)
    {
        var text = Fill(Load($"{kind}.txt"), values, v => v);
        var (subject, textBody) = TakeFirstLine(text, "Subject: ", $"{kind}.txt");
        var (preheader, htmlBody) = TakeFirstLine(Fill(Load($"{kind}.html"), values, HtmlEncoder.Default.Encode), "Preheader: ", $"{kind}.html");

        // One layout for every message: the body is already encoded; the title is the subject.
        var html = Fill(Load("layout.html"), new()
        {
            ["Title"] = HtmlEncoder.Default.Encode(subject),
            ["Preheader"] = preheader,
            ["Body"] = htmlBody.TrimEnd(),
        }, v => v);

        return new EmailMessage(kind, to, subject, textBody, html);
    }

    private static (string First, string Others) TakeFirstLine(string template, string prefix, string name)
    {
        var newline = template.IndexOf('\n');
        var line = template[..newline].Trim();
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Template {name} must start with a '{prefix}' line.");
        }

        return (line[prefix.Length..], template[(newline + 1)..].TrimStart('\r', '\n'));
    }

    private static string Fill(string template, Dictionary<string, string> values, Func<string, string> encode)
    {
        foreach (var (name, value) in values)
        {
            var section = Regex.Escape("{{#" + name + "}}") + "(.*?)" + Regex.Escape("{{/" + name + "}}") + @"\r?\n?";
            template = Regex.Replace(template, section, m => value.Length == 0 ? "" : m.Groups[1].Value, RegexOptions.Singleline);
            template = template.Replace("{{" + name + "}}", encode(value), StringComparison.Ordinal);
        }

        return template;
    }

    private static string Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"RazorReset.Email.Templates.{name}")
            ?? throw new InvalidOperationException($"Email template {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
