using System.Security.Cryptography;

namespace RazorReset.PasswordReset;

/// <summary>Eight decimal digits (26.6 bits), shown as two groups of four to be read aloud and typed.</summary>
public static class OneTimeCode
{
    public const int Length = 8;

    public static string Generate() => RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    public static string Display(string code) => $"{code[..4]} {code[4..]}";

    /// <summary>The digits of what a person typed (spaces and dashes allowed), or null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrEmpty(typed) || typed.Length > 32) return null;
        var digits = new string(typed.Where(c => c is not (' ' or '-' or '\u00a0')).ToArray());
        return digits.Length == Length && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
