using Microsoft.AspNetCore.DataProtection;
using RazorReset.Infrastructure;

namespace RazorReset.Email;

public sealed class OutboxProtector(IDataProtectionProvider provider)
    : JsonProtector<EmailMessage>(provider, "RazorReset.Email.Outbox.v1", "An outbox message");
