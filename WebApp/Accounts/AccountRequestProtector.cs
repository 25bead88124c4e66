using Microsoft.AspNetCore.DataProtection;
using RazorReset.Infrastructure;

namespace RazorReset.Accounts;

/// <summary>The address and password hash of a pending request are encrypted at rest, as queued mail is (E2).</summary>
public sealed class AccountRequestProtector(IDataProtectionProvider provider)
    : JsonProtector<AccountRequestContent>(provider, "RazorReset.Accounts.AccountRequest.v1", "An account request");
