using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// A slow SMTP server on demand: a TCP relay to a real server (smtp4dev) that takes connections
/// at once but says nothing on them until the test releases it, so a sender stays inside its
/// batch for as long as the test needs, then completes it normally.
/// </summary>
public sealed class HeldSmtpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;

    public HeldSmtpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>What a host needs to mail through this relay; its timeouts outlast any hold a test uses.</summary>
    public IDictionary<string, string?> SmtpSettings => new Dictionary<string, string?>
    {
        ["Email:Transport"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:ConnectTimeout"] = "00:02:00",
        ["Email:Smtp:Timeout"] = "00:02:00",
    };

    /// <summary>Completes once a sender has connected and is waiting for the server's greeting.</summary>
    public Task Connected => _connected.Task;

    /// <summary>From now on every held and new connection talks to the real server.</summary>
    public void Release() => _released.TrySetResult();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                _connected.TrySetResult();
                lock (_relays) _relays.Add(RelayAsync(client));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await _released.Task.WaitAsync(_stopping.Token);
                using var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
                var fromClient = client.GetStream().CopyToAsync(server.GetStream(), _stopping.Token);
                var fromServer = server.GetStream().CopyToAsync(client.GetStream(), _stopping.Token);
                await Task.WhenAny(fromClient, fromServer);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] relays;
        lock (_relays) relays = [.. _relays];
        await Task.WhenAll(relays);
        _stopping.Dispose();
    }
}
