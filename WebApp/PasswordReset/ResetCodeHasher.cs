using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace RazorReset.PasswordReset;

/// <summary>
/// Turns a code into what the database keeps, and checks a typed code against it. The verifier is
/// PBKDF2 of the code bound to the account and its security stamp (so any password change kills
/// the code, S2), under a random salt, and then encrypted with Data Protection: a database leak
/// alone reveals nothing to search, and with the key ring too each guess still costs PBKDF2.
/// </summary>
public sealed class ResetCodeHasher
{
    public const int Iterations = 10_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly IDataProtector _protector;
    private readonly byte[] _decoy;

    public ResetCodeHasher(IDataProtectionProvider provider)
    {
        _protector = provider.CreateProtector("RazorReset.PasswordReset.Code.v1");
        _decoy = _protector.Protect(RandomNumberGenerator.GetBytes(SaltBytes + HashBytes));
    }

    public byte[] CreateVerifier(string code, string userId, string securityStamp)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return _protector.Protect([.. salt, .. Derive(code, userId, securityStamp, salt)]);
    }

    /// <summary>
    /// Always does the full work, with a decoy when there is no verifier or account, so a try
    /// costs the same whether or not there is anything to match (S4).
    /// </summary>
    public bool Matches(byte[]? verifier, string code, string? userId, string? securityStamp)
    {
        byte[] stored;
        try
        {
            stored = _protector.Unprotect(verifier ?? _decoy);
        }
        catch (CryptographicException)
        {
            stored = _protector.Unprotect(_decoy);
            verifier = null;
        }

        var derived = Derive(code, userId ?? "", securityStamp ?? "", stored.AsSpan(0, SaltBytes));
        return CryptographicOperations.FixedTimeEquals(derived, stored.AsSpan(SaltBytes)) && verifier is not null && userId is not null;
    }

    private static byte[] Derive(string code, string userId, string securityStamp, ReadOnlySpan<byte> salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes($"{code}\n{userId}\n{securityStamp}"), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
}
