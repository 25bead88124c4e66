namespace RazorReset.Infrastructure;

/// <summary>
/// A background loop over a durable queue: wakes when work is recorded, sweeps at start-up and
/// every <see cref="SweepInterval"/> so nothing recorded just before a crash is stranded, and
/// drains the queue one batch (one scope) at a time.
/// </summary>
public abstract class QueueProcessor(IServiceScopeFactory scopes, WorkSignal signal) : BackgroundService
{
    protected abstract int BatchSize { get; }

    protected abstract TimeSpan SweepInterval { get; }

    /// <summary>How long to let work gather after a wake-up before the next round; none by default.</summary>
    protected virtual TimeSpan BatchWindow => TimeSpan.Zero;

    /// <summary>Handles up to <see cref="BatchSize"/> items; returns how many it took.</summary>
    protected abstract Task<int> HandleBatchAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected abstract void LogRoundFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(exception);
            }

            await signal.WaitAsync(SweepInterval, stoppingToken);
            if (BatchWindow > TimeSpan.Zero)
            {
                await Task.Delay(BatchWindow, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await HandleBatchAsync(scope.ServiceProvider, cancellationToken) < BatchSize) return;
        }
    }
}
