using System.Reflection;
using System.Text.Encodings.Web;

namespace RazorReset.Email;

/// <summary>
/// Renders the E3 messages from the text and HTML templates in Email/Templates. Values are
/// HTML-encoded for the HTML part; the first line of the text template is the subject.
/// </summary>
public sealed class EmailTemplates
{
    public EmailMessage ResetLink(string to, string link, string expiry) =>
        Render(EmailKinds.ResetLink, to, new()
        {
            ["Link"] = link,
            ["Expiry"] = expiry,
        });

    public EmailMessage PasswordChanged(string to, DateTimeOffset changedAt, string forgotLink) =>
        Render(EmailKinds.PasswordChanged, to, new()
        {
            ["ChangedAt"] = changedAt.ToUniversalTime().ToString("dddd d MMMM yyyy 'at' HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
            ["ForgotLink"] = forgotLink,
        });

    public EmailMessage ConfirmEmail(string to, string link) =>
        Render(EmailKinds.ConfirmEmail, to, new() { ["Link"] = link });

    private static EmailMessage Render(string kind, string to, Dictionary<string, string> values)
    {
        var text = Fill(Load($"{kind}.txt"), values, v => v);
        var html = Fill(Load($"{kind}.html"), values, HtmlEncoder.Default.Encode);

        var newline = text.IndexOf('\n');
        var subject = text[..newline].Trim();
        if (!subject.StartsWith("Subject: ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Template {kind}.txt must start with a 'Subject: ' line.");
        }

        return new EmailMessage(kind, to, subject["Subject: ".Length..], text[(newline + 1)..].TrimStart('\r', '\n'), html);
    }

    private static string Fill(string template, Dictionary<string, string> values, Func<string, string> encode)
    {
        foreach (var (name, value) in values)
        {
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
