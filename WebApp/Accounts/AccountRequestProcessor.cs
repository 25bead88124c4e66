using Microsoft.Extensions.Options;
using RazorReset.Infrastructure;
using RazorReset.PasswordReset;

namespace RazorReset.Accounts;

/// <summary>
/// Resolves recorded account requests in the background: wakes when one is recorded, and sweeps
/// at start-up and periodically (on the reset processor's interval) so none is stranded by a crash.
/// </summary>
public sealed class AccountRequestProcessor(
    IServiceScopeFactory scopes,
    AccountRequestSignal signal,
    IOptions<PasswordResetOptions> options,
    ILogger<AccountRequestProcessor> logger) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ProcessPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.AccountProcessingFailed(exception);
            }

            await signal.WaitAsync(options.Value.SweepInterval, stoppingToken);
        }
    }

    private async Task ProcessPendingAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<AccountRequestHandler>();
            if (await handler.HandleBatchAsync(BatchSize, cancellationToken) < BatchSize) return;
        }
    }
}
