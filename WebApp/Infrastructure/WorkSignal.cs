namespace RazorReset.Infrastructure;

/// <summary>Wakes a background loop at once instead of at its next sweep.</summary>
public abstract class WorkSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        // Already awake, the usual case under load: Release would throw, and the benchmark's
        // counters showed one exception per Forgot POST from here.
        if (_semaphore.CurrentCount > 0) return;

        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Woken by another caller in between: one pending wake-up covers any number of new items.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _semaphore.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        _semaphore.Dispose();
        GC.SuppressFinalize(this);
    }
}
