namespace RazorReset.Email;

/// <summary>
/// A rendered message: what the outbox stores (encrypted) and a transport delivers.
/// <see cref="MessageId"/> and <see cref="QueuedAt"/> are set once, when the message is queued, so
/// every attempt sends the same Message-Id and Date headers.
/// </summary>
public sealed record EmailMessage(string Kind, string To, string Subject, string TextBody, string HtmlBody)
{
    public string? MessageId { get; init; }

    public DateTimeOffset? QueuedAt { get; init; }
}
