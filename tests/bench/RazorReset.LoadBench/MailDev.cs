using System.Diagnostics;
using System.Text.Json;

namespace RazorReset.LoadBench;

/// <summary>maildev (the test suite's SMTP catcher, E6) on loopback, read through its REST API.</summary>
public sealed class MailDev : IAsyncDisposable
{
    private readonly ProcessTracker _tracker;
    private readonly Process _process;
    private readonly HttpClient _api;

    private MailDev(ProcessTracker tracker, Process process, int smtpPort, int webPort)
    {
        _tracker = tracker;
        _process = process;
        SmtpPort = smtpPort;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int SmtpPort { get; }

    public static async Task<MailDev> StartAsync(string script, string mailDirectory, ProcessTracker tracker, CancellationToken cancellationToken)
    {
        var smtpPort = Loopback.FreePort();
        var webPort = Loopback.FreePort();
        Directory.CreateDirectory(mailDirectory);
        var process = tracker.Start(new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--smtp", smtpPort.ToString(), "--web", webPort.ToString(),
                "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", mailDirectory, "--silent",
            },
            UseShellExecute = false,
        });

        var maildev = new MailDev(tracker, process, smtpPort, webPort);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                await maildev.CountAsync(cancellationToken);
                return maildev;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var stream = await _api.GetStreamAsync("/email", cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.GetArrayLength();
    }

    /// <summary>When each message reached the server, by recipient (maildev stamps <c>time</c> on receipt).</summary>
    public async Task<IReadOnlyList<(string To, DateTimeOffset ReceivedAt)>> ArrivalsAsync(CancellationToken cancellationToken)
    {
        await using var stream = await _api.GetStreamAsync("/email", cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.EnumerateArray()
            .SelectMany(message => message.GetProperty("to").EnumerateArray().Select(to => (
                To: to.GetProperty("address").GetString() ?? "",
                ReceivedAt: message.GetProperty("time").GetDateTimeOffset())))
            .ToList();
    }

    /// <summary>
    /// Empties the inbox once no message has arrived for a second: maildev crashes when a message
    /// it is still storing is deleted under it.
    /// </summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        var count = await CountAsync(cancellationToken);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = await CountAsync(cancellationToken);
            if (now == count) break;
            count = now;
        }

        using var response = await _api.DeleteAsync("/email/all", cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _tracker.StopAsync(_process);
    }
}
