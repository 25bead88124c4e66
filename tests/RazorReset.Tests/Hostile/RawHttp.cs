using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace RazorReset.Tests.Hostile;

/// <summary>
/// HTTP/1.1 over a bare socket: hostile requests are sent byte for byte as written (HttpClient
/// would refuse or repair most of them), and the status line is read as a proxy would read it, so
/// an invalid one (<c>HTTP/1.1 0</c>) is seen rather than turned into an exception.
/// </summary>
public static partial class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, cancel.Token);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(request, cancel.Token);
            await stream.FlushAsync(cancel.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before a huge body is written; its answer is still there to read.
        }

        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cancel.Token);
        }
        catch (IOException)
        {
            // A reset after the response (the server refusing the rest of a body) still leaves the response.
        }

        return RawResponse.Parse(received.ToArray());
    }

    /// <summary>A request as text (CRLF line ends added), with Host and Connection: close unless given.</summary>
    public static byte[] Request(string method, string target, IEnumerable<string>? headers = null, byte[]? body = null, string host = "localhost")
    {
        var lines = new List<string> { $"{method} {target} HTTP/1.1" };
        var given = headers?.ToList() ?? [];
        if (!given.Any(h => h.StartsWith("Host:", StringComparison.OrdinalIgnoreCase))) lines.Add($"Host: {host}");
        lines.AddRange(given);
        if (body is not null && !given.Any(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase) || h.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase)))
        {
            lines.Add($"Content-Length: {body.Length}");
        }

        lines.Add("Connection: close");
        var head = Encoding.Latin1.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n");
        return body is null ? head : [.. head, .. body];
    }

    /// <summary>A body in chunked transfer encoding, in pieces of the given size.</summary>
    public static byte[] Chunked(byte[] body, int chunkSize = 64 * 1024)
    {
        using var output = new MemoryStream();
        for (var offset = 0; offset < body.Length; offset += chunkSize)
        {
            var length = Math.Min(chunkSize, body.Length - offset);
            output.Write(Encoding.ASCII.GetBytes($"{length:x}\r\n"));
            output.Write(body, offset, length);
            output.Write("\r\n"u8);
        }

        output.Write("0\r\n\r\n"u8);
        return output.ToArray();
    }

    [GeneratedRegex(@"^HTTP/1\.1 ([1-5][0-9]{2}) [^\r\n]*$")]
    internal static partial Regex ValidStatusLine();
}

public sealed class RawResponse
{
    private RawResponse(string statusLine, int status, IReadOnlyList<KeyValuePair<string, string>> headers, string body)
    {
        StatusLine = statusLine;
        Status = status;
        Headers = headers;
        Body = body;
    }

    public string StatusLine { get; }

    /// <summary>The code, or -1 when the status line is not a valid HTTP/1.1 one.</summary>
    public int Status { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public string Body { get; }

    public string? Header(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public IEnumerable<string> All(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public static RawResponse Parse(byte[] bytes)
    {
        var headEnd = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.Latin1.GetString(bytes, 0, headEnd < 0 ? bytes.Length : headEnd);
        var lines = head.Split("\r\n");
        var match = RawHttp.ValidStatusLine().Match(lines[0]);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => KeyValuePair.Create(parts[0].Trim(), parts[1].Trim()))
            .ToList();
        var body = headEnd < 0 ? [] : bytes[(headEnd + 4)..];
        if (headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(body);
        }

        return new RawResponse(lines[0], match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1, headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, position, lineEnd).Split(';')[0], 16);
            if (size == 0) break;
            var start = position + lineEnd + 2;
            output.Write(body, start, Math.Min(size, body.Length - start));
            position = start + size + 2;
        }

        return output.ToArray();
    }
}
