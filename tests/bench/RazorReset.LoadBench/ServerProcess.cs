using System.Globalization;
using System.Diagnostics;
using System.Net;

namespace RazorReset.LoadBench;

/// <summary>
/// A web app under test, run as production runs it (`dotnet App.dll` from its content root) on a
/// loopback port. P3's start-up time is measured from just before the process starts until
/// <c>readyPath</c> first answers 200.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly ProcessTracker _tracker;
    private readonly Process _process;
    private readonly int _processId;

    private ServerProcess(string name, ProcessTracker tracker, Process process, int port, TimeSpan startUp)
    {
        Name = name;
        _tracker = tracker;
        _process = process;
        _processId = process.Id;
        Port = port;
        StartUp = startUp;
        Client = Loopback.Client(port);
    }

    public string Name { get; }

    public int Port { get; }

    public TimeSpan StartUp { get; }

    public HttpClient Client { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public static async Task<ServerProcess> StartAsync(
        string name,
        string assembly,
        string contentRoot,
        IReadOnlyDictionary<string, string> environment,
        string readyPath,
        string logPath,
        ProcessTracker tracker,
        CancellationToken cancellationToken)
    {
        var port = Loopback.FreePort();
        var start = new ProcessStartInfo("/bin/sh")
        {
            // exec: the shell becomes the app, so the id we hold is the app's (for VmRSS).
            ArgumentList = { "-c", "exec dotnet \"$0\" --urls \"$1\" >>\"$2\" 2>&1", assembly, $"http://127.0.0.1:{port}", logPath },
            WorkingDirectory = contentRoot,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var probe = Loopback.Client(port);
        var clock = Stopwatch.StartNew();
        var process = tracker.Start(start);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited during start-up (code {process.ExitCode}); see {logPath}.");
            }

            try
            {
                using var response = await probe.GetAsync(readyPath, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > StartLimit) throw new TimeoutException($"{name} did not answer {readyPath} within {StartLimit}.");
            await Task.Delay(5, cancellationToken);
        }

        var startUp = clock.Elapsed;
        Console.WriteLine($"  {name} answered {readyPath} after {startUp.TotalMilliseconds:F0} ms (pid {process.Id}, port {port})");
        return new ServerProcess(name, tracker, process, port, startUp);
    }

    /// <summary>Resident set size from /proc/PID/status, in bytes; 0 once the process is gone.</summary>
    public long ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_processId}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _tracker.StopAsync(_process);
    }
}
