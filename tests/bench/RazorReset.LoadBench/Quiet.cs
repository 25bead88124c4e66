using System.Diagnostics;
using System.Globalization;

namespace RazorReset.LoadBench;

/// <summary>
/// Waits until the given processes have stopped working — smtp4dev still taking in the last
/// row's mail or finishing its own start-up, an app still draining its queue — so a measurement
/// does not pay for what the one before it left behind. smtp4dev used 0.4 s of CPU in the second
/// after it first answered, which the start-up measured next used to pay for.
/// </summary>
public static class Quiet
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Quiet: at most one clock tick (10 ms) of CPU between them over a window.</summary>
    private const long MostTicks = 1;

    public static async Task WaitAsync(IEnumerable<int> processIds, CancellationToken cancellationToken)
    {
        var ids = processIds.ToArray();
        var clock = Stopwatch.StartNew();
        var before = Ticks(ids);
        while (true)
        {
            await Task.Delay(Window, cancellationToken);
            var now = Ticks(ids);
            if (now - before <= MostTicks) return;
            if (clock.Elapsed > Limit)
            {
                Console.WriteLine($"    (still busy after {Limit.TotalSeconds:F0} s: measuring anyway)");
                return;
            }

            before = now;
        }
    }

    /// <summary>User and system time from /proc/PID/stat, in clock ticks; a process that has gone counts nothing.</summary>
    private static long Ticks(IEnumerable<int> processIds) => processIds.Sum(id =>
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{id}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0L;
        }
    });
}
