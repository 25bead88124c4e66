using System.Net;
using System.Net.Sockets;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel socket (127.0.0.1, a free port) so a real browser can reach it,
/// with a database, key ring and mail folder of its own. <c>App:PublicBaseUrl</c> is this address,
/// so the links in its emails lead back to it (F3).
/// </summary>
public sealed class LiveAppFactory : RazorResetFactory
{
    private LiveAppFactory(int port, IDictionary<string, string?> settings)
        : base(new Dictionary<string, string?>(settings) { ["App:PublicBaseUrl"] = BaseUrlFor(port) })
    {
        BaseUrl = BaseUrlFor(port);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
    }

    public string BaseUrl { get; }

    /// <summary>Starts a host; <paramref name="settings"/> override the defaults (quiet logs, no rate limit worth the name).</summary>
    public static async Task<LiveAppFactory> StartAsync(IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            // Trace logging from a real socket is a lot of lines nobody here reads.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings) all[key] = value;

        var factory = new LiveAppFactory(FreeLoopbackPort(), all);
        await factory.InitializeAsync();
        return factory;
    }

    public string Url(string path) => BaseUrl + path;

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string BaseUrlFor(int port) => $"http://127.0.0.1:{port}";
}
