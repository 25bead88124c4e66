using System.Globalization;
using System.Diagnostics;

namespace RazorReset.LoadBench;

/// <summary>
/// Every process the benchmark starts, so each one is stopped however the run ends. The ids of
/// those still running are kept in a file, which tests/bench/run reads to stop any survivor if
/// this program itself is killed.
/// </summary>
public sealed class ProcessTracker(string pidFile) : IAsyncDisposable
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(10);
    private readonly List<Process> _running = [];

    public Process Start(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        _running.Add(process);
        WritePidFile();
        return process;
    }

    /// <summary>SIGTERM first, so the servers shut down as they would in production; SIGKILL after a grace period.</summary>
    public async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(GracePeriod);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        _running.Remove(process);
        WritePidFile();
        process.Dispose();
    }

    /// <summary>Waits until every process still running is idle (<see cref="Quiet"/>).</summary>
    public Task QuietAsync(CancellationToken cancellationToken) =>
        Quiet.WaitAsync(_running.Where(p => !p.HasExited).Select(p => p.Id).ToList(), cancellationToken);

    private void WritePidFile() => File.WriteAllLines(pidFile, _running.Select(p => p.Id.ToString(CultureInfo.InvariantCulture)));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _running.ToList())
        {
            await StopAsync(process);
        }
    }
}
