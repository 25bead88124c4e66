using RazorReset.Infrastructure;

namespace RazorReset.Tests.Email;

public sealed class RetryBackoffTests
{
    [Theory] // E1: doubling from the first delay, never past the cap
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]
    public void TheDelay_DoublesFromTheFirst_UpToTheCap(int attempts, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryBackoff.After(attempts, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)));

    [Theory] // E1: a day of retries at a one-minute cap is over a thousand attempts
    [InlineData(45)]
    [InlineData(1_500)]
    [InlineData(int.MaxValue)]
    public void ManyAttempts_StayAtTheCap_WithoutOverflowing(int attempts) =>
        Assert.Equal(TimeSpan.FromMinutes(1), RetryBackoff.After(attempts, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)));
}
