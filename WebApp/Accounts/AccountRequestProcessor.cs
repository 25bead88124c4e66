using Microsoft.Extensions.Options;
using RazorReset.Infrastructure;
using RazorReset.PasswordReset;

namespace RazorReset.Accounts;

/// <summary>Resolves recorded account requests in the background, on the reset processor's sweep interval.</summary>
public sealed class AccountRequestProcessor(
    IServiceScopeFactory scopes,
    AccountRequestSignal signal,
    IOptions<PasswordResetOptions> options,
    ILogger<AccountRequestProcessor> logger) : QueueProcessor(scopes, signal)
{
    protected override int BatchSize => 20;

    protected override TimeSpan SweepInterval => options.Value.SweepInterval;

    // As for reset requests: the work for an address that has an account (its email) must not
    // start while the POST that woke it is still answering (measured by the benchmark's P1).
    protected override TimeSpan BatchWindow => options.Value.BatchWindow;

    protected override Task<int> HandleBatchAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<AccountRequestHandler>().HandleBatchAsync(BatchSize, cancellationToken);

    protected override void LogRoundFailed(Exception exception) => logger.AccountProcessingFailed(exception);
}
