using System.Runtime.ExceptionServices;
using RazorReset.Infrastructure;

namespace RazorReset.Tests.Shell;

/// <summary>The processor's wake-up, which every Forgot POST calls.</summary>
public sealed class WorkSignalTests
{
    [Fact]
    public async Task Wake_ReleasesTheWaitingLoop_AndManyWakeUpsCountAsOne()
    {
        using var signal = new TestSignal();

        signal.Wake();
        signal.Wake();
        signal.Wake();

        var woken = signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(woken.IsCompletedSuccessfully); // already set: no wait at all
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await signal.WaitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(150)); // the three wake-ups were one
    }

    [Fact] // the benchmark's counters: one caught SemaphoreFullException per POST before
    public void Wake_WhenAlreadyAwake_ThrowsNothing_NotEvenACaughtException()
    {
        using var signal = new TestSignal();
        var thread = Environment.CurrentManagedThreadId;
        var thrown = new List<Exception>();
        void Record(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread) thrown.Add(e.Exception);
        }

        AppDomain.CurrentDomain.FirstChanceException += Record;
        try
        {
            for (var i = 0; i < 100; i++) signal.Wake();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        Assert.Empty(thrown);
    }

    private sealed class TestSignal : WorkSignal;
}
