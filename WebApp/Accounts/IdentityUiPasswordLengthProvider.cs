using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace RazorReset.Accounts;

/// <summary>
/// Identity UI's register and change-password forms cap passwords at 100 characters (and ask for
/// 6) with [StringLength]. S10 wants one policy everywhere — 12 to 128, enforced by
/// PasswordPolicyValidator — so that attribute is dropped from Identity UI's password fields.
/// </summary>
internal sealed class IdentityUiPasswordLengthProvider : IValidationMetadataProvider
{
    private static readonly HashSet<string> PasswordFields = ["Password", "NewPassword"];

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (context.Key.ContainerType?.Namespace?.StartsWith("Microsoft.AspNetCore.Identity.UI", StringComparison.Ordinal) == true &&
            context.Key.Name is { } name && PasswordFields.Contains(name))
        {
            var lengthRules = context.ValidationMetadata.ValidatorMetadata.OfType<StringLengthAttribute>().ToList();
            foreach (var rule in lengthRules) context.ValidationMetadata.ValidatorMetadata.Remove(rule);
        }
    }
}
