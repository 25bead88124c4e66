using System.Collections.Concurrent;

namespace RazorReset.LoadBench;

/// <summary>P3: samples each server's VmRSS every 100 ms for the whole run and keeps the peak.</summary>
public sealed class ResidentMemory : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ServerProcess, long> _peaks = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public ResidentMemory() => _sampling = SampleAsync();

    public void Watch(ServerProcess server) => _peaks.TryAdd(server, server.ResidentBytes());

    public long Peak(ServerProcess server) => _peaks.GetValueOrDefault(server);

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                foreach (var server in _peaks.Keys)
                {
                    var now = server.ResidentBytes();
                    _peaks.AddOrUpdate(server, now, (_, peak) => Math.Max(peak, now));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
