using System.Diagnostics;
using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace RazorReset.Infrastructure;

/// <summary>
/// One per-IP fixed window, counted in Redis when <see cref="SharedRateLimitStore"/> has a
/// connection and in this process when it has none (or a call to Redis fails).
/// </summary>
internal sealed class SharedFixedWindowRateLimiter(SharedRateLimitStore store, string partition, int permitLimit, TimeSpan window)
    : RateLimiter
{
    private readonly Lock _gate = new();
    private readonly long _createdAt = Stopwatch.GetTimestamp();
    private RedisFixedWindowRateLimiter<string>? _shared;
    private FixedWindowRateLimiter? _local;

    public override TimeSpan? IdleDuration
    {
        get
        {
            // A local window that has counted something must outlive the partition cache's idle sweep.
            if (_local is { IdleDuration: null }) return null;
            return _shared?.IdleDuration ?? _local?.IdleDuration ?? Stopwatch.GetElapsedTime(_createdAt);
        }
    }

    public override RateLimiterStatistics? GetStatistics() => null;

    // As the Redis limiter does: report "not now" so the middleware asks AcquireAsync, which may use the network.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => NotAcquired.Instance;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (store.Connection is { } redis)
        {
            try
            {
                var lease = await Shared(redis).AcquireAsync(permitCount, cancellationToken);
                store.ReportReachable();
                return lease;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                store.ReportUnreachable(e.GetType().Name);
            }
        }

        return await Local().AcquireAsync(permitCount, cancellationToken);
    }

    private RedisFixedWindowRateLimiter<string> Shared(IConnectionMultiplexer redis)
    {
        lock (_gate)
        {
            return _shared ??= new RedisFixedWindowRateLimiter<string>(store.Key(partition), new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                PermitLimit = permitLimit,
                Window = window,
            });
        }
    }

    private FixedWindowRateLimiter Local()
    {
        lock (_gate)
        {
            return _local ??= new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitLimit,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shared?.Dispose();
            _local?.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class NotAcquired : RateLimitLease
    {
        public static readonly NotAcquired Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
