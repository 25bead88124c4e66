using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RazorReset.PasswordReset;

/// <summary>
/// A Data Protection token provider of its own (S1), so the reset lifespan is independent of
/// the email-confirmation tokens that share the default provider. Its tokens embed the
/// security stamp, so any password change kills them (S2).
/// </summary>
public sealed class ResetTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<ResetTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<IdentityUser>> logger)
    : DataProtectorTokenProvider<IdentityUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "PasswordReset";
}

public sealed class ResetTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public ResetTokenProviderOptions() => Name = ResetTokenProvider.ProviderName;
}
