namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// Holds the first <c>parties</c> matching commands, each once it has run, until all of them have:
/// concurrent requests are then known to have read the same state before any of them writes.
/// Gives up after the timeout so a broken app fails the test instead of hanging it.
/// </summary>
public sealed class CommandBarrier(Func<string, bool> matches, int parties, TimeSpan timeout)
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public int Arrived => Volatile.Read(ref _arrived);

    public bool AllArrived => _allArrived.Task.IsCompletedSuccessfully;

    internal async Task ArriveAsync(string commandText)
    {
        if (AllArrived || !matches(commandText)) return;
        if (Interlocked.Increment(ref _arrived) >= parties) _allArrived.TrySetResult();
        await _allArrived.Task.WaitAsync(timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
