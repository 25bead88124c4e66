using System.Net;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Reset;

public sealed class SessionRevocationTests
{
    [Fact] // S2, F5
    public async Task ASessionSignedInBeforeTheReset_IsSignedOut_WithinTheValidationInterval()
    {
        // Arrange: a one-second interval stands in for the one-minute default
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["PasswordReset:SecurityStampValidationInterval"] = "00:00:01" });
        var email = UserStories.UniqueEmail("session");
        await UserStories.CreateUserAsync(factory, email);
        using var otherDevice = factory.CreateBrowser();
        await UserStories.SignInAsync(factory, otherDevice, email, UserStories.GoodPassword);
        using var before = await otherDevice.GetAsync("/Identity/Account/Manage");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        // Act
        await UserStories.ResetPasswordAsync(factory, email, UserStories.NewPassword);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var after = await otherDevice.GetAsync("/Identity/Account/Manage");

        // Assert
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
