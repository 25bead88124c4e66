using MimeKit;

namespace RazorReset.Tests.Infrastructure;

/// <summary>A message as it arrived (in the pickup folder or at smtp4dev), parsed by MimeKit: never by the app's own code.</summary>
public sealed record ReceivedMail(string Id, MimeMessage Message)
{
    public string Subject => Message.Subject ?? "";

    public string To => Message.To.ToString();

    public string Text => Message.TextBody ?? "";

    public string Html => Message.HtmlBody ?? "";

    public bool IsTo(string address) =>
        Message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));

    public static ReceivedMail Load(string id, Stream stream) => new(id, MimeMessage.Load(stream));
}
