using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace RazorReset.Accounts;

/// <summary>The address and password hash of a pending request are encrypted at rest, as queued mail is (E2).</summary>
public sealed class AccountRequestProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("RazorReset.Accounts.AccountRequest.v1");

    public byte[] Protect(AccountRequestContent content) => _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(content));

    public AccountRequestContent Unprotect(byte[] content) =>
        JsonSerializer.Deserialize<AccountRequestContent>(_protector.Unprotect(content))
        ?? throw new InvalidOperationException("An account request decrypted to nothing.");
}
