namespace RazorReset.Email;

/// <summary>
/// A message waiting to be delivered (E1). <see cref="ProtectedContent"/> is the whole message
/// (recipient, subject, both bodies) encrypted with Data Protection (E2); the row is deleted once
/// the message is delivered.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public required byte[] ProtectedContent { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>While a sender holds the message: when its claim lapses.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>
    /// The sending round that claimed the message, so two instances sharing the database never
    /// send the same message at once; null when nobody holds it.
    /// </summary>
    public Guid? LeaseId { get; set; }

    public int Attempts { get; set; }

    public OutboxStatus Status { get; set; }

    public string? LastError { get; set; }
}

public enum OutboxStatus
{
    Pending = 0,
    Failed = 1,
}
