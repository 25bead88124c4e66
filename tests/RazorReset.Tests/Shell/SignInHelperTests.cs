using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Shell;

/// <summary>
/// The sign-in check the reset tests lean on says "signed in" only for a real sign-in: a locked-out
/// account with the right password must not pass for one. (The sign-in page answers it as it
/// answers any refusal, so nothing tells a locked-out account from a wrong password: S4.)
/// </summary>
public sealed class SignInHelperTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact]
    public async Task CanSignIn_IsTrue_ForTheRightPassword_AndFalse_ForAWrongOne()
    {
        var email = UserStories.UniqueEmail("helper");
        await UserStories.CreateUserAsync(factory, email);

        Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
        Assert.False(await UserStories.CanSignInAsync(factory, email, UserStories.NewPassword));
    }

    [Fact]
    public async Task CanSignIn_IsFalse_ForALockedOutAccount_EvenWithTheRightPassword()
    {
        // Arrange
        var email = UserStories.UniqueEmail("helper-locked");
        var user = await UserStories.CreateUserAsync(factory, email);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.UtcNow.AddHours(1));
        }

        // Act + Assert
        Assert.False(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
    }
}
