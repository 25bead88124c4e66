using Microsoft.AspNetCore.Identity;

namespace RazorReset.PasswordReset;

/// <summary>Plugs <see cref="PasswordPolicy"/> into Identity, so every path that sets a password uses it.</summary>
public sealed class PasswordPolicyValidator(PasswordPolicy policy) : IPasswordValidator<IdentityUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password)
    {
        var problems = policy.Check(password ?? "", user.Email, user.UserName);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(problems.Select(p => new IdentityError { Code = "PasswordPolicy", Description = p }).ToArray()));
    }
}

