using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RazorReset.Accounts;

/// <summary>
/// A hash of a random password, made with the same hasher settings as real ones. Checking a
/// password against it costs what checking a real account's costs, so an address without an
/// account (or without a password) is not answered faster than one with an account.
/// </summary>
public sealed class DecoyPasswordHash(IOptions<PasswordHasherOptions> options)
{
    private readonly Lazy<string> _hash = new(() =>
        new PasswordHasher<IdentityUser>(options).HashPassword(new IdentityUser(), RandomNumberGenerator.GetHexString(32)));

    public static IdentityUser Owner { get; } = new() { Id = "decoy" };

    public string Value => _hash.Value;
}
