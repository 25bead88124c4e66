using Microsoft.Extensions.Time.Testing;

namespace RazorReset.Tests.Infrastructure;

/// <summary>A class fixture whose app runs on a fake clock that starts at the real time.</summary>
public sealed class FakeClockRazorResetFactory() : RazorResetFactory(
    new Dictionary<string, string?>(), clock: new FakeTimeProvider(DateTimeOffset.UtcNow))
{
    public new FakeTimeProvider Clock => base.Clock!;
}
