using System.Collections.Concurrent;

namespace RazorReset.LoadBench;

/// <summary>P3: samples each server's VmRSS every 100 ms for the whole run and keeps the peak.</summary>
public sealed class ResidentMemory : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ServerProcess, (long Bytes, string Phase)> _peaks = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public ResidentMemory() => _sampling = SampleAsync();

    /// <summary>What the run is doing now, recorded with each new peak.</summary>
    public string Phase { get; set; } = "start-up";

    public void Watch(ServerProcess server) => _peaks.TryAdd(server, (server.ResidentBytes(), Phase));

    public (long Bytes, string Phase) Peak(ServerProcess server) => _peaks.GetValueOrDefault(server);

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                foreach (var server in _peaks.Keys)
                {
                    var now = (server.ResidentBytes(), Phase);
                    _peaks.AddOrUpdate(server, now, (_, peak) => now.Item1 > peak.Bytes ? now : peak);
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
