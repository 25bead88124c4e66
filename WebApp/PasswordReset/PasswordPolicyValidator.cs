using Microsoft.AspNetCore.Identity;

namespace RazorReset.PasswordReset;

/// <summary>Plugs <see cref="PasswordPolicy"/> into Identity, so every path that sets a password uses it.</summary>
public sealed class PasswordPolicyValidator(PasswordPolicy policy, PasswordPolicyReasons reasons) : IPasswordValidator<IdentityUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password)
    {
        var problems = policy.Check(password ?? "", user.Email, user.UserName);
        reasons.Record(problems);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(problems.Select(p => new IdentityError { Code = "PasswordPolicy", Description = p }).ToArray()));
    }
}

/// <summary>The reasons the policy gave within one request, so a page can show them by the field.</summary>
public sealed class PasswordPolicyReasons
{
    private readonly HashSet<string> _given = [];

    public bool Any => _given.Count > 0;

    public void Record(IEnumerable<string> reasons) => _given.UnionWith(reasons);

    public bool Contains(string reason) => _given.Contains(reason);
}
