using System.Net;
using Microsoft.Extensions.Time.Testing;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

public sealed class SessionRevocationTests
{
    [Fact] // S2, F5
    public async Task ASessionSignedInBeforeTheReset_IsSignedOut_OnceTheValidationIntervalHasPassed()
    {
        // Arrange: the default one-minute interval, on a clock the test moves
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = RazorResetFactory.WithClock(clock);
        var email = UserStories.UniqueEmail("session");
        await UserStories.CreateUserAsync(factory, email);
        using var otherDevice = factory.CreateBrowser();
        await UserStories.SignInAsync(factory, otherDevice, email, UserStories.GoodPassword);

        // Act
        await UserStories.ResetPasswordAsync(factory, email, UserStories.NewPassword);
        clock.Advance(TimeSpan.FromSeconds(59));
        using var withinTheInterval = await otherDevice.GetAsync("/Identity/Account/Manage");
        clock.Advance(TimeSpan.FromSeconds(2));
        using var after = await otherDevice.GetAsync("/Identity/Account/Manage");

        // Assert
        Assert.Equal(HttpStatusCode.OK, withinTheInterval.StatusCode);
        ResponseAssert.IsRedirectTo(after, "/Identity/Account/Login");
        Assert.False((await HomePage.VisitAsync(otherDevice)).IsSignedIn);
    }

    [Fact] // S2: the default is one minute
    public async Task TheDefaultValidationInterval_IsOneMinute()
    {
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>());
        var options = factory.Service<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>>();

        Assert.Equal(TimeSpan.FromMinutes(1), options.Value.ValidationInterval);
    }
}
