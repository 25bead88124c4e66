using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RazorReset.Email;

namespace RazorReset.Pages.Dev;

/// <summary>E5: with nothing installed, a newcomer reads the emails here. Development only.</summary>
public sealed partial class MailModel(IWebHostEnvironment environment, PickupMailTransport pickup) : PageModel
{
    public string Folder => pickup.Directory;

    public IReadOnlyList<EmlMessage> Messages { get; private set; } = [];

    public EmlMessage? Selected { get; private set; }

    public IReadOnlyList<string> SelectedLinks { get; private set; } = [];

    public IActionResult OnGet(string? id)
    {
        if (!environment.IsDevelopment()) return NotFound();

        var folder = new DirectoryInfo(Folder);
        Messages = folder.Exists
            ? folder.GetFiles("*.eml")
                .OrderByDescending(f => f.LastWriteTimeUtc)
                .Take(200)
                .Select(f => EmlReader.Read(Path.GetFileNameWithoutExtension(f.Name), System.IO.File.ReadAllText(f.FullName)))
                .ToList()
            : [];

        if (id is not null)
        {
            Selected = Messages.FirstOrDefault(m => m.Id == id);
            if (Selected is null) return NotFound();
            SelectedLinks = LinkPattern().Matches(Selected.Text).Select(m => m.Value).Distinct().ToList();
        }

        return Page();
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
