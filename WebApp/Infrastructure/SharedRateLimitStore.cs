using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RazorReset.Infrastructure;

/// <summary>
/// D4: the Redis connection through which every instance spends one per-IP budget.
/// While Redis is unreachable each instance counts in its own memory, as it does without Redis.
/// Failing open would lift the limits for as long as an attacker can keep Redis busy; failing
/// closed would stop every password reset because a counter is down. Counting locally keeps the
/// limit at most N budgets for N instances, and the per-account limit (S6) lives in the database
/// regardless. The switch is logged once each way (3001, 3002), not per request.
/// </summary>
public sealed class SharedRateLimitStore(IOptions<RedisOptions> options, ILogger<SharedRateLimitStore> logger)
    : IHostedService, IAsyncDisposable
{
    private ConnectionMultiplexer? _redis;
    private int _unreachable;

    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>The live connection, or null while there is none (not configured, not yet up, or lost).</summary>
    public IConnectionMultiplexer? Connection => _redis is { IsConnected: true } redis ? redis : null;

    public string Key(string partition) => $"{options.Value.KeyPrefix}:{partition}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured) return;

        var configuration = ConfigurationOptions.Parse(options.Value.Configuration!);
        configuration.AbortOnConnectFail = false; // start anyway, and keep reconnecting in the background
        configuration.BacklogPolicy = BacklogPolicy.FailFast; // a request never waits in a queue for Redis to return
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        _redis.ConnectionFailed += (_, failed) =>
        {
            if (failed.ConnectionType == ConnectionType.Interactive) ReportUnreachable(failed.FailureType.ToString());
        };
        _redis.ConnectionRestored += (_, restored) =>
        {
            if (restored.ConnectionType == ConnectionType.Interactive && _redis.IsConnected) ReportReachable();
        };
        if (!_redis.IsConnected) ReportUnreachable(nameof(ConnectionFailureType.UnableToConnect));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void ReportUnreachable(string reason)
    {
        if (Interlocked.Exchange(ref _unreachable, 1) == 0) logger.SharedRateLimitsUnavailable(reason);
    }

    public void ReportReachable()
    {
        if (Volatile.Read(ref _unreachable) == 1 && Interlocked.Exchange(ref _unreachable, 0) == 1) logger.SharedRateLimitsRestored();
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
