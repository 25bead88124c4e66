using System.Text;
using System.Text.RegularExpressions;

namespace RazorReset.Email;

/// <summary>A stored .eml file, read back for the Development mail viewer (E5).</summary>
public sealed record EmlMessage(string Id, string From, string To, string Subject, DateTimeOffset? Date, string Text, string Html);

/// <summary>
/// Just enough MIME to read what <see cref="MailMessageFactory"/> writes: headers, one level of
/// multipart, quoted-printable and base64 bodies, encoded-word subjects.
/// </summary>
public static partial class EmlReader
{
    public static EmlMessage Read(string id, string raw)
    {
        var (headers, body) = Split(raw);
        var text = "";
        var html = "";

        var contentType = headers.GetValueOrDefault("content-type", "text/plain");
        var boundary = BoundaryPattern().Match(contentType);
        if (boundary.Success)
        {
            foreach (var part in body.Split("--" + boundary.Groups[1].Value).Skip(1))
            {
                if (part.StartsWith("--", StringComparison.Ordinal)) break;
                var (partHeaders, partBody) = Split(part.TrimStart('\r', '\n'));
                var decoded = Decode(partBody, partHeaders.GetValueOrDefault("content-transfer-encoding", "7bit"));
                if (partHeaders.GetValueOrDefault("content-type", "").StartsWith("text/html", StringComparison.OrdinalIgnoreCase)) html = decoded;
                else text = decoded;
            }
        }
        else
        {
            text = Decode(body, headers.GetValueOrDefault("content-transfer-encoding", "7bit"));
        }

        return new EmlMessage(
            id,
            DecodeWords(headers.GetValueOrDefault("from", "")),
            DecodeWords(headers.GetValueOrDefault("to", "")),
            DecodeWords(headers.GetValueOrDefault("subject", "")),
            DateTimeOffset.TryParse(headers.GetValueOrDefault("date", "").Split(" (")[0], out var date) ? date : null,
            text,
            html);
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string raw)
    {
        raw = raw.Replace("\r\n", "\n");
        var end = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? raw : raw[..end];
        var body = end < 0 ? "" : raw[(end + 2)..];

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':') is > 0 and var colon)
            {
                last = line[..colon].Trim().ToLowerInvariant();
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, body);
    }

    private static string Decode(string body, string transferEncoding)
    {
        var decoded = transferEncoding.Trim().ToLowerInvariant() switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
            "quoted-printable" => DecodeQuotedPrintable(body),
            _ => body,
        };
        return decoded.TrimEnd('\n');
    }

    private static string DecodeQuotedPrintable(string body)
    {
        var bytes = new List<byte>(body.Length);
        var text = body.Replace("=\n", "");
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string DecodeWords(string value) => EncodedWordPattern().Replace(value, match =>
    {
        var data = match.Groups["data"].Value;
        return match.Groups["enc"].Value.ToUpperInvariant() == "B"
            ? Encoding.UTF8.GetString(Convert.FromBase64String(data))
            : DecodeQuotedPrintable(data.Replace('_', ' '));
    });

    [GeneratedRegex("boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"=\?[^?]+\?(?<enc>[BbQq])\?(?<data>[^?]*)\?=")]
    private static partial Regex EncodedWordPattern();
}
