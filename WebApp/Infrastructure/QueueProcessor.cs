using RazorReset.Data;

namespace RazorReset.Infrastructure;

/// <summary>
/// A background loop over a durable queue: wakes when work is recorded, sweeps at start-up and
/// every <see cref="SweepInterval"/> so nothing recorded just before a crash is stranded, and
/// drains the queue one batch (one scope) at a time. A batch's commits need not each wait for the
/// disk (<see cref="AppDbContext.WithoutFlushingAsync{T}"/>): what a lost commit resolved is still
/// queued, and is resolved again.
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
            var services = scope.ServiceProvider;
            var handled = await services.GetRequiredService<AppDbContext>().WithoutFlushingAsync(
                token => HandleBatchAsync(services, token), cancellationToken);
            if (handled < BatchSize) return;
        }
    }
}
