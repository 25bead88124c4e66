using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;
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

        builder.Services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<PasswordResetOptions>>((stamp, reset) =>
                stamp.ValidationInterval = reset.Value.SecurityStampValidationInterval);

        builder.Services.AddTransient<IEmailSender, IdentityUiEmailSender>();

        // The cookie handler follows a ReturnUrl query parameter on its own when signing in or out
        // at the sign-in/sign-out paths; it gets the same check the pages apply.
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            var follow = cookie.Events.OnRedirectToReturnUrl;
            cookie.Events.OnRedirectToReturnUrl = context => ReturnUrls.IsLocal(context.RedirectUri) ? follow(context) : Task.CompletedTask;
        });

        builder.Services.AddSingleton<AccountRequestProtector>();
        builder.Services.AddSingleton<AccountRequestSignal>();
        builder.Services.AddScoped<AccountRequestRecorder>();
        builder.Services.AddScoped<AccountRequestHandler>();
        builder.Services.AddHostedService<AccountRequestProcessor>();

        builder.Services.AddSingleton<DecoyPasswordHash>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.Configure<RazorPagesOptions>(pages =>
        {
            foreach (var page in PendingTwoFactorSignIn.Pages)
            {
                pages.Conventions.AddAreaPageApplicationModelConvention("Identity", page, model => model.Filters.Add(new PendingTwoFactorSignIn()));
            }
        });
    }
}
