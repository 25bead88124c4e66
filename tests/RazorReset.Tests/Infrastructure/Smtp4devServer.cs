using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for E6: smtp4dev, the .NET tool pinned in .config/dotnet-tools.json
/// (tests/run restores it), bound to 127.0.0.1 on free ports with an in-memory store, read
/// through its REST API. It takes seconds to start, so tests share <see cref="SharedAsync"/> and
/// keep apart by unique recipients; a test that stops the server (an outage) takes one of its
/// own as a class fixture, which starts again on the same ports.
/// </summary>
public sealed class Smtp4devServer : IAsyncLifetime
{
    private static readonly Lazy<Task<Smtp4devServer>> Shared = new(StartSharedAsync);
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static readonly HttpClient ApiClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("razorreset-smtp4dev-").FullName;
    private Process? _process;

    public int SmtpPort { get; } = FreePort();

    public int WebPort { get; } = FreePort();

    private string Api => $"http://127.0.0.1:{WebPort}/api";

    /// <summary>The one server most tests use: started on first use, gone when the test process ends.</summary>
    public static Task<Smtp4devServer> SharedAsync() => Shared.Value;

    /// <summary>What a host needs to mail through this server.</summary>
    public IDictionary<string, string?> SmtpSettings => new Dictionary<string, string?>
    {
        ["Email:Transport"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:ConnectTimeout"] = "00:00:03",
        ["Email:Smtp:Timeout"] = "00:00:10",
    };

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (_process is { HasExited: false }) return;

        // In a process group of its own with a watcher: if the test process dies without stopping
        // it (a killed test host skips every clean-up), the watcher takes the whole group down.
        var start = new ProcessStartInfo("setsid")
        {
            ArgumentList =
            {
                "bash", "-c",
                $"dotnet tool run smtp4dev -- \"$@\" & while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; kill -- -$$",
                "smtp4dev",
                $"--urls=http://127.0.0.1:{WebPort}", $"--smtpport={SmtpPort}", "--bindaddress=127.0.0.1",
                "--db=", "--imapport=", "--pop3port=", "--nousersettings", $"--baseappdatapath={_dataDirectory}",
                "--hostname=localhost", "--messagestokeep=100000",
            },
            WorkingDirectory = RepositoryRoot(), // where the tool manifest is
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await IsUpAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await StopAsync();
                throw new InvalidOperationException(
                    "smtp4dev did not start (run `dotnet tool restore`, as tests/run does):\n" + string.Join('\n', output.TakeLast(30)));
            }

            await Task.Delay(100);
        }
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message held, newest first (smtp4dev pages its list: five a page unless asked).</summary>
    public async Task<IReadOnlyList<Smtp4devSummary>> SummariesAsync()
    {
        var json = await ApiClient.GetStringAsync($"{Api}/messages?pageSize=100000");
        return JsonSerializer.Deserialize<Smtp4devPage>(json, JsonOptions)?.Results ?? [];
    }

    public async Task<IReadOnlyList<ReceivedMail>> MessagesToAsync(string address)
    {
        var messages = new List<ReceivedMail>();
        foreach (var summary in (await SummariesAsync()).Where(s => s.IsTo(address)).OrderBy(s => s.ReceivedDate))
        {
            messages.Add(await ReadAsync(summary.Id));
        }

        return messages;
    }

    public async Task<ReceivedMail> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var summaries = await Eventually.UntilAsync(
            async () => (await SummariesAsync()).Where(s => s.IsTo(address)).OrderBy(s => s.ReceivedDate).ToList(),
            found => found.Count >= count,
            found => $"Expected {count} message(s) to {address} at smtp4dev, found {found.Count}.",
            timeout ?? TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(100));
        return await ReadAsync(summaries[count - 1].Id);
    }

    /// <summary>The message exactly as the server received it, parsed by MimeKit.</summary>
    public async Task<ReceivedMail> ReadAsync(string id)
    {
        await using var raw = await ApiClient.GetStreamAsync($"{Api}/messages/{id}/raw");
        using var buffer = new MemoryStream();
        await raw.CopyToAsync(buffer);
        buffer.Position = 0;
        return ReceivedMail.Load(id, buffer);
    }

    public async Task ClearAsync() => (await ApiClient.DeleteAsync($"{Api}/messages/*")).EnsureSuccessStatusCode();

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders.
        }
    }

    private static async Task<Smtp4devServer> StartSharedAsync()
    {
        var server = new Smtp4devServer();
        await server.StartAsync();
        return server;
    }

    private async Task<bool> IsUpAsync()
    {
        try
        {
            using var response = await ApiClient.GetAsync($"{Api}/messages?pageSize=1");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
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

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RazorReset.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("RazorReset.sln not found above the test output folder.");
    }
}
