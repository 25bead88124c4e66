using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace RazorReset.Tests.Infrastructure;

/// <summary>The pickup folder the app's Pickup transport writes .eml files into, read with MimeKit.</summary>
public sealed class Mailbox(string directory)
{
    public IReadOnlyList<ReceivedMail> All() =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.eml")
                .OrderBy(File.GetLastWriteTimeUtc)
                .Select(Load)
                .ToList()
            : [];

    public IReadOnlyList<ReceivedMail> To(string address) => All().Where(m => m.IsTo(address)).ToList();

    /// <summary>Waits for the count-th message to an address whose subject contains the text.</summary>
    public async Task<ReceivedMail> WaitForAsync(string address, string subjectContains, int count = 1, TimeSpan? timeout = null)
    {
        var matching = await Eventually.UntilAsync(
            () => Task.FromResult(Matching(address, subjectContains)),
            found => found.Count >= count,
            found => $"Expected {count} message(s) to {address} about '{subjectContains}', found {found.Count}.",
            timeout ?? TimeSpan.FromSeconds(15));
        return matching[count - 1];
    }

    public IReadOnlyList<ReceivedMail> Matching(string address, string subjectContains) =>
        To(address).Where(m => m.Subject.Contains(subjectContains, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The one-time code shown in the HTML part (A4), as a reader would type it.</summary>
    public static string CodeIn(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        return Assert.IsAssignableFrom<IHtmlElement>(document.GetElementById("reset-code")).TextContent.Trim();
    }

    /// <summary>The link of an anchor in the HTML part, picked by id as a reader's click would.</summary>
    public static string LinkIn(string html, string anchorId)
    {
        var document = new HtmlParser().ParseDocument(html);
        var anchor = Assert.IsAssignableFrom<IHtmlAnchorElement>(document.GetElementById(anchorId));
        return anchor.GetAttribute("href")!;
    }

    private static ReceivedMail Load(string path)
    {
        using var file = File.OpenRead(path);
        return ReceivedMail.Load(Path.GetFileNameWithoutExtension(path), file);
    }
}
