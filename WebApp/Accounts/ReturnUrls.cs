namespace RazorReset.Accounts;

/// <summary>
/// Where to go after signing in or out. Only a path on this site is followed; anything else
/// (another host, //host, /\host, javascript:, control or non-ASCII characters that cannot be
/// sent in a Location header) quietly becomes the home page instead of an open redirect or a 500.
/// </summary>
public static class ReturnUrls
{
    public const string Home = "/";

    public static string Local(string? candidate) => IsLocal(candidate) ? candidate! : Home;

    /// <summary>As IUrlHelper.IsLocalUrl, and only characters a Location header can carry as they are.</summary>
    public static bool IsLocal(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > 2048 || !candidate.All(c => c is > ' ' and < (char)0x7f)) return false;

        var path = candidate.StartsWith("~/", StringComparison.Ordinal) ? candidate[1..] : candidate;
        return path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'));
    }
}
