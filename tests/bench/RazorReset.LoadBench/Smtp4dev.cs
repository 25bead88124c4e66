using System.Diagnostics;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace RazorReset.LoadBench;

/// <summary>smtp4dev (the SMTP server of the test suite, E6) on loopback, in memory, read through its REST API.</summary>
public sealed class Smtp4dev : IAsyncDisposable
{
    private readonly ProcessTracker _tracker;
    private readonly Process _process;
    private readonly HttpClient _api;

    private Smtp4dev(ProcessTracker tracker, Process process, int smtpPort, int webPort)
    {
        _tracker = tracker;
        _process = process;
        SmtpPort = smtpPort;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int SmtpPort { get; }

    public static async Task<Smtp4dev> StartAsync(string executable, string dataDirectory, ProcessTracker tracker, CancellationToken cancellationToken)
    {
        var smtpPort = Loopback.FreePort();
        var webPort = Loopback.FreePort();
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                $"--urls=http://127.0.0.1:{webPort}", $"--smtpport={smtpPort}", "--bindaddress=127.0.0.1",
                "--db=", "--imapport=", "--pop3port=", "--nousersettings", $"--baseappdatapath={dataDirectory}",
                "--hostname=localhost", "--messagestokeep=100000",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_gcServer"] = "0";
        var process = tracker.Start(start);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new Smtp4dev(tracker, process, smtpPort, webPort);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await server.CountAsync(cancellationToken);
                return server;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>smtp4dev pages its list (five a page unless asked); the row count alone is cheap.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var stream = await _api.GetStreamAsync("/api/messages?pageSize=1", cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("rowCount").GetInt32();
    }

    /// <summary>When each message reached the server, by recipient (smtp4dev stamps <c>receivedDate</c> on receipt).</summary>
    public async Task<IReadOnlyList<(string To, DateTimeOffset ReceivedAt)>> ArrivalsAsync(CancellationToken cancellationToken)
    {
        await using var stream = await _api.GetStreamAsync("/api/messages?pageSize=100000", cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("results").EnumerateArray()
            .SelectMany(message => message.GetProperty("to").EnumerateArray().Select(to => (
                To: to.GetString() ?? "",
                ReceivedAt: message.GetProperty("receivedDate").GetDateTimeOffset())))
            .ToList();
    }

    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        using var response = await _api.DeleteAsync("/api/messages/*", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls until at least <paramref name="count"/> messages are in; returns false on timeout.</summary>
    public async Task<bool> WaitForCountAsync(int count, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await CountAsync(cancellationToken) < count)
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(interval, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// The sink's own rate, so a slow server is not mistaken for a slow app: <paramref name="count"/>
    /// messages the size of a reset email from a plain MailKit loop over as many connections as
    /// the app uses, timed until the server lists them all.
    /// </summary>
    public async Task<TimeSpan?> MeasureIntakeAsync(int count, int connections, string html, CancellationToken cancellationToken)
    {
        await ClearAsync(cancellationToken);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None, cancellationToken);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var message = new MimeMessage { Subject = "Reset your RazorReset password" };
                message.From.Add(MailboxAddress.Parse("no-reply@razorreset.local"));
                message.To.Add(MailboxAddress.Parse($"intake-{i}@bench.test"));
                message.Body = new BodyBuilder { TextBody = html, HtmlBody = html }.ToMessageBody();
                await client.SendAsync(message, cancellationToken);
            }

            await client.DisconnectAsync(true, cancellationToken);
        }));
        var listed = await WaitForCountAsync(count, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(100), cancellationToken);
        var elapsed = clock.Elapsed;
        await ClearAsync(cancellationToken);
        return listed ? elapsed : null;
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _tracker.StopAsync(_process);
    }
}
