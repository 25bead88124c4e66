using System.Text.RegularExpressions;
using MimeKit;
using RazorReset.Email;

namespace RazorReset.Pages.Dev;

/// <summary>The pickup folder as /dev/mail shows it (E5): newest first, each file parsed by MimeKit.</summary>
public sealed partial class PickupFolder(PickupMailTransport pickup)
{
    private const int Shown = 200;

    public string Path => pickup.Directory;

    public IReadOnlyList<PickupMessage> Newest()
    {
        var folder = new DirectoryInfo(Path);
        return folder.Exists
            ? folder.GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).Take(Shown).Select(Load).ToList()
            : [];
    }

    /// <summary>Only a name the folder listing itself produced: a route value never becomes a path.</summary>
    public PickupMessage? Find(string id) =>
        IdPattern().IsMatch(id) && new DirectoryInfo(Path) is { Exists: true } folder
            ? folder.GetFiles("*.eml").Where(f => f.Name == id + ".eml").Select(Load).FirstOrDefault()
            : null;

    private static PickupMessage Load(FileInfo file) =>
        new(System.IO.Path.GetFileNameWithoutExtension(file.Name), file.LastWriteTimeUtc, MimeMessage.Load(file.FullName));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
