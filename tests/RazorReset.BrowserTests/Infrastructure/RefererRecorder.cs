using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RazorReset.BrowserTests.Infrastructure;

/// <summary>
/// "Another site": a tiny server on 127.0.0.1 that records the headers of every request it gets.
/// It listens on two ports, which are two origins, so a test can first prove that the browser
/// does send a Referer across origins when a page lets it.
/// </summary>
public sealed class RefererRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private RefererRecorder()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        _app = builder.Build();
        _app.Run(async context =>
        {
            _requests.Enqueue(new RecordedRequest(
                $"{context.Request.Host}{context.Request.Path}",
                context.Request.Headers.Referer.ToString()));
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!DOCTYPE html><html lang=\"en\"><title>Another site</title><p>Another site.</p></html>");
        });
    }

    /// <summary>The first origin, e.g. http://127.0.0.1:41234.</summary>
    public string Origin => _app.Urls.ElementAt(0).TrimEnd('/');

    /// <summary>A second origin on the same server.</summary>
    public string OtherOrigin => _app.Urls.ElementAt(1).TrimEnd('/');

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<RefererRecorder> StartAsync()
    {
        var recorder = new RefererRecorder();
        await recorder._app.StartAsync();
        return recorder;
    }

    /// <summary>The one request made to a path (host:port/path), with the Referer it carried ("" for none).</summary>
    public RecordedRequest RequestTo(string origin, string path) =>
        Assert.Single(Requests, r => r.Target == new Uri(origin).Authority + path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record RecordedRequest(string Target, string Referer);
