using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace RazorReset.Infrastructure;

/// <summary>A value kept at rest as JSON encrypted with Data Protection under one purpose (E2).</summary>
public abstract class JsonProtector<T>(IDataProtectionProvider provider, string purpose, string description)
    where T : class
{
    private readonly IDataProtector _protector = provider.CreateProtector(purpose);

    public byte[] Protect(T value) => _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(value));

    public T Unprotect(byte[] content) =>
        JsonSerializer.Deserialize<T>(_protector.Unprotect(content))
        ?? throw new InvalidOperationException($"{description} decrypted to nothing.");
}
