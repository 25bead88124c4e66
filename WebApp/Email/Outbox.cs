using RazorReset.Data;

namespace RazorReset.Email;

/// <summary>
/// Queues messages in the database, encrypted (E1, E2). <see cref="Add"/> joins the caller's
/// unit of work, so a message is stored in the same transaction as whatever caused it.
/// </summary>
public sealed class Outbox(AppDbContext db, OutboxProtector protector, OutboxSignal signal, MessageComposer composer, TimeProvider time)
{
    /// <exception cref="ArgumentException">The recipient is not exactly one email address.</exception>
    public void Add(EmailMessage message)
    {
        MailRecipient.Parse(message.To);
        var now = time.GetUtcNow();
        db.OutboxMessages.Add(new OutboxMessage
        {
            Kind = message.Kind,
            ProtectedContent = protector.Protect(message with { MessageId = composer.NewMessageId(), QueuedAt = now }),
            CreatedAt = now.UtcDateTime,
            NextAttemptAt = now.UtcDateTime,
        });
    }

    /// <summary>Stores one message on its own and wakes the sender.</summary>
    public async Task QueueAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Add(message);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
    }
}
