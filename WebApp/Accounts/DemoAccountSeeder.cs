using Microsoft.AspNetCore.Identity;

namespace RazorReset.Accounts;

public static class DemoAccountSeeder
{
    /// <summary>F9: Development gets one confirmed account so a newcomer can try the flow at once.</summary>
    public static async Task SeedDemoAccountAsync(this WebApplication app)
    {
        var email = app.Configuration["DemoAccount:Email"];
        var password = app.Configuration["DemoAccount:Password"];
        if (!app.Environment.IsDevelopment() || string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password)) return;

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByEmailAsync(email) is null)
        {
            var result = await users.CreateAsync(new IdentityUser { UserName = email, Email = email, EmailConfirmed = true }, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    "DemoAccount:Password is rejected by the password policy: " +
                    string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }

        // Printed on purpose, Development only: this account exists to be signed in with.
        Console.WriteLine(await BannerAsync(users, email, password));
    }

    /// <summary>
    /// The password is shown only while it still signs in: once someone has tried the reset on the
    /// demo account, the configured password would only mislead.
    /// </summary>
    public static async Task<string> BannerAsync(UserManager<IdentityUser> users, string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        var stillWorks = user?.PasswordHash is { } hash &&
            users.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;
        return stillWorks
            ? $"Demo account: {email} / password: {password}"
            : $"Demo account: {email} (its password has been changed; choose a new one through /Forgot)";
    }
}
