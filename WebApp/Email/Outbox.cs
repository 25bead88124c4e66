using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using RazorReset.Data;

namespace RazorReset.Email;

/// <summary>
/// Queues messages in the database, encrypted (E1, E2). <see cref="Add"/> joins the caller's
/// unit of work, so a message is stored in the same transaction as whatever caused it.
/// </summary>
public sealed class Outbox(AppDbContext db, OutboxProtector protector, OutboxSignal signal, TimeProvider time)
{
    public void Add(EmailMessage message)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Kind = message.Kind,
            ProtectedContent = protector.Protect(message),
            CreatedAt = now,
            NextAttemptAt = now,
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

public sealed class OutboxProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("RazorReset.Email.Outbox.v1");

    public byte[] Protect(EmailMessage message) => _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(message));

    public EmailMessage Unprotect(byte[] content) =>
        JsonSerializer.Deserialize<EmailMessage>(_protector.Unprotect(content))
        ?? throw new InvalidOperationException("An outbox message decrypted to nothing.");
}
