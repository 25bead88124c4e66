using System.Globalization;
using RazorReset.PasswordReset;

namespace RazorReset.Tests.Forgot;

public sealed class ExpiryTextTests
{
    [Theory] // U3: the expiry is stated the way people say it
    [InlineData("00:00:20", "1 minute")]
    [InlineData("00:01:00", "1 minute")]
    [InlineData("00:30:00", "30 minutes")]
    [InlineData("00:45:30", "46 minutes")]
    [InlineData("01:00:00", "1 hour")]
    [InlineData("01:30:00", "90 minutes")]
    [InlineData("02:00:00", "2 hours")]
    public void ExpiryText_ReadsNaturally(string lifespan, string expected)
    {
        var options = new PasswordResetOptions { TokenLifespan = TimeSpan.Parse(lifespan, CultureInfo.InvariantCulture) };

        Assert.Equal(expected, options.ExpiryText);
    }
}
