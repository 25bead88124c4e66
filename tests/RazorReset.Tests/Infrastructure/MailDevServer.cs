using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for E6: maildev from the npm registry (installed by tests/run), bound to
/// 127.0.0.1 on free ports, read through its REST API. Can be stopped and started again on the
/// same ports to prove the outbox survives an outage.
/// </summary>
public sealed class MailDevServer : IAsyncLifetime
{
    private readonly HttpClient _api = new();
    private Process? _process;

    public int SmtpPort { get; } = FreePort();

    public int WebPort { get; } = FreePort();

    public IDictionary<string, string?> SmtpSettings => new Dictionary<string, string?>
    {
        ["Email:Transport"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = SmtpPort.ToString(),
        ["Email:Smtp:Timeout"] = "00:00:05",
    };

    public async Task InitializeAsync() => await StartAsync();

    public async Task StartAsync()
    {
        if (_process is { HasExited: false }) return;

        var maildev = Path.Combine(RepositoryRoot(), "tests", "node_modules", "maildev", "bin", "maildev");
        if (!File.Exists(maildev))
        {
            throw new InvalidOperationException($"maildev is not installed at {maildev}: run tests/run (it runs npm ci in tests/).");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { maildev, "--smtp", SmtpPort.ToString(), "--web", WebPort.ToString(), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await IsUpAsync()) return;
            await Task.Delay(100);
        }

        throw new TimeoutException("maildev did not start within 20 seconds.");
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

    public async Task<IReadOnlyList<MailDevMessage>> MessagesAsync()
    {
        var json = await _api.GetStringAsync($"http://127.0.0.1:{WebPort}/email");
        return JsonSerializer.Deserialize<List<MailDevMessage>>(json, JsonOptions) ?? [];
    }

    public async Task<IReadOnlyList<MailDevMessage>> MessagesToAsync(string address) =>
        (await MessagesAsync()).Where(m => m.To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public async Task<MailDevMessage> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var messages = await Eventually.UntilAsync(
            () => MessagesToAsync(address),
            found => found.Count >= count,
            found => $"Expected {count} message(s) to {address} in maildev, found {found.Count}.",
            timeout ?? TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(100));
        return messages[count - 1];
    }

    /// <summary>The raw message as maildev stored it, headers and MIME parts included.</summary>
    public Task<string> SourceAsync(string id) => _api.GetStringAsync($"http://127.0.0.1:{WebPort}/email/{id}/source");

    public async Task ClearAsync() => (await _api.DeleteAsync($"http://127.0.0.1:{WebPort}/email/all")).EnsureSuccessStatusCode();

    public async Task DisposeAsync()
    {
        await StopAsync();
        _api.Dispose();
    }

    private async Task<bool> IsUpAsync()
    {
        try
        {
            using var response = await _api.GetAsync($"http://127.0.0.1:{WebPort}/email");
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

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RazorReset.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("RazorReset.sln not found above the test output folder.");
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

public sealed record MailDevMessage(
    string Id,
    string Subject,
    string? Text,
    string? Html,
    IReadOnlyList<MailDevAddress> To,
    IReadOnlyList<MailDevAddress> From,
    [property: JsonPropertyName("headers")] Dictionary<string, JsonElement> Headers);

public sealed record MailDevAddress(string Address, string? Name);
