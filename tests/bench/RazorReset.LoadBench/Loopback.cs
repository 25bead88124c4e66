using System.Net;
using System.Net.Sockets;

namespace RazorReset.LoadBench;

/// <summary>Everything the benchmark talks to is on 127.0.0.1, on ports the OS hands out.</summary>
public static class Loopback
{
    /// <summary>RazorReset outside Development serves only its public host (S8), so every request names it.</summary>
    public const string Host = "localhost";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>No cookie jar (each benchmark request carries exactly the cookie it means to), no redirects followed.</summary>
    public static HttpClient Client(int port) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        UseProxy = false,
    })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Host = Host },
    };
}
