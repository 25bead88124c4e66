using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RazorReset.Data;
using RazorReset.Email;
using RazorReset.PasswordReset;

namespace RazorReset.Accounts;

public static class AccountsRegistration
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddDefaultIdentity<IdentityUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Tokens.PasswordResetTokenProvider = ResetTokenProvider.ProviderName;

                // S10: length and breached-list checks live in PasswordPolicyValidator; NIST 800-63B
                // forbids composition rules, so Identity's own are all switched off.
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddTokenProvider<ResetTokenProvider>(ResetTokenProvider.ProviderName);

        // One policy for register, change password, reset and the API.
        builder.Services.RemoveAll<IPasswordValidator<IdentityUser>>();
        builder.Services.AddSingleton<PasswordPolicy>();
        builder.Services.AddScoped<IPasswordValidator<IdentityUser>, PasswordPolicyValidator>();
        builder.Services.AddScoped<PasswordPolicyReasons>();

        builder.Services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<PasswordResetOptions>>((stamp, reset) =>
                stamp.ValidationInterval = reset.Value.SecurityStampValidationInterval);

        builder.Services.AddTransient<IEmailSender, IdentityUiEmailSender>();
    }
}
