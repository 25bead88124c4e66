using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace RazorReset.Email;

public sealed class OutboxProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("RazorReset.Email.Outbox.v1");

    public byte[] Protect(EmailMessage message) => _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(message));

    public EmailMessage Unprotect(byte[] content) =>
        JsonSerializer.Deserialize<EmailMessage>(_protector.Unprotect(content))
        ?? throw new InvalidOperationException("An outbox message decrypted to nothing.");
}
