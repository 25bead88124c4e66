using System.Globalization;
using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// A throwaway Redis for D4/D5: Debian's redis-server (installed by tests/run) on 127.0.0.1 and
/// a free port, nothing persisted, stopped and deleted on dispose. A class or collection fixture,
/// or one per test; it can be killed and started again on the same port to play an outage.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("razorreset-redis-").FullName;

    public int Port { get; } = FreePort();

    /// <summary>The value for <c>Redis:Configuration</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=2000";

    /// <summary>
    /// Settings for a host that keeps its per-IP limits here. Hosts given the same prefix share a
    /// budget; a fresh prefix per test keeps tests that share this server apart.
    /// </summary>
    public IDictionary<string, string?> Settings(string keyPrefix) => new Dictionary<string, string?>
    {
        ["Redis:Configuration"] = Configuration,
        ["Redis:KeyPrefix"] = keyPrefix,
    };

    public bool IsRunning => Pid() is { } pid && IsAlive(pid);

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (IsRunning) return;

        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList =
            {
                "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no",
                "--daemonize", "yes", "--pidfile", PidFile, "--dir", _directory, "--logfile", Path.Combine(_directory, "redis.log"),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var launcher = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
            await launcher.WaitForExitAsync(); // it forks the server and returns
            if (launcher.ExitCode != 0)
            {
                throw new InvalidOperationException($"redis-server exited with {launcher.ExitCode}: {await launcher.StandardError.ReadToEndAsync()}");
            }
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: run tests/run (it installs Debian's redis-server).", e);
        }

        await Eventually.UntilAsync(PingAsync, up => up, _ => $"redis-server did not answer on port {Port}.", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
    }

    /// <summary>Kills the server outright, as a crash or a lost network would: nothing is flushed or announced.</summary>
    public async Task StopAsync()
    {
        if (Pid() is not { } pid) return;

        try
        {
            using var server = Process.GetProcessById(pid);
            server.Kill();
            await server.WaitForExitAsync();
        }
        catch (ArgumentException)
        {
            // already gone
        }

        File.Delete(PidFile);
        await Eventually.UntilAsync(PingAsync, up => !up, _ => $"redis-server still answers on port {Port}.", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
    }

    /// <summary>Sends one command (e.g. <c>CONFIG SET maxmemory 1</c>, <c>FLUSHALL</c>) and returns the server's first reply line.</summary>
    public async Task<string> CommandAsync(params string[] words)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var request = new StringBuilder($"*{words.Length}\r\n");
        foreach (var word in words) request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(word)}\r\n{word}\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadLineAsync() ?? "";
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans temp folders
        }
    }

    private string PidFile => Path.Combine(_directory, "redis.pid");

    private int? Pid() => File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) ? pid : null;

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            return await CommandAsync("PING") == "+PONG";
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
