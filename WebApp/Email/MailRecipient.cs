using MimeKit;

namespace RazorReset.Email;

/// <summary>
/// A message goes to exactly one mailbox (E3): a recipient with a CR or LF, a group, a list or
/// anything MimeKit cannot read as one address is refused before it can be queued, so no header
/// can be injected and no second person can be copied in through an address field.
/// </summary>
public static class MailRecipient
{
    public static MailboxAddress Parse(string address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.AsSpan().IndexOfAny('\r', '\n') >= 0 ||
            !InternetAddressList.TryParse(ParserOptions.Default, address, out var list) ||
            list.Count != 1 || list[0] is not MailboxAddress mailbox ||
            !mailbox.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("A message goes to exactly one email address.", nameof(address));
        }

        return mailbox;
    }
}
