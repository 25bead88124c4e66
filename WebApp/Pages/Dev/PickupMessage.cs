using MimeKit;

namespace RazorReset.Pages.Dev;

/// <summary>One .eml file of the pickup folder, read with MimeKit.</summary>
public sealed record PickupMessage(string Id, DateTimeOffset ReceivedAt, MimeMessage Message)
{
    public string Subject => Message.Subject ?? "";

    public string From => Message.From.ToString();

    public string To => Message.To.ToString();

    public string Text => Message.TextBody ?? "";

    public string Html => Message.HtmlBody ?? "";
}
