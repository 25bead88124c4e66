using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Accounts;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Accounts;

public sealed class DemoAccountBannerTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    private const string Email = "demo@razorreset.local";
    private const string Password = "correct horse battery staple";

    [Fact] // F9: the banner shows the demo password only while it still signs in
    public async Task TheBanner_PrintsThePassword_OnlyWhileItStillSignsIn()
    {
        // Arrange
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var before = await DemoAccountSeeder.BannerAsync(users, Email, Password);

        // Act
        var demo = (await users.FindByEmailAsync(Email))!;
        Assert.True((await users.ChangePasswordAsync(demo, Password, "a different and rather long phrase")).Succeeded);
        var after = await DemoAccountSeeder.BannerAsync(users, Email, Password);

        // Assert
        Assert.Contains(Password, before);
        Assert.Contains(Email, after);
        Assert.DoesNotContain(Password, after);
        Assert.Contains("/Forgot", after);
    }
}
