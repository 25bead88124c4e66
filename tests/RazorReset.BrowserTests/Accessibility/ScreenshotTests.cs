using RazorReset.BrowserTests.Infrastructure;
using RazorReset.BrowserTests.Journeys;

namespace RazorReset.BrowserTests.Accessibility;

[Collection(BrowserSuiteDefinition.Name)]
public sealed class ScreenshotTests(BrowserSuite suite)
{
    [Fact] // U3, S7
    public async Task EveryPage_FitsAPhoneAndADesktop_WithTheCspEnforced_U3()
    {
        // Arrange
        await using var context = await suite.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            // The 400, 404 and 429 pages report their own status; anything else (a refused inline
            // script or style, a missing stylesheet) is a problem.
            var documentStatus = message.Location.StartsWith(page.Url + ":", StringComparison.Ordinal) &&
                message.Text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal);
            if (message.Type is "error" or "warning" && !documentStatus) problems.Add($"{page.Url}: console {message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => problems.Add($"{page.Url}: script error: {error}");
        var folder = TestOutput.Folder("screenshots");
        var pages = new List<string>();

        // Act: a full-page picture of every page at both widths, for a person to look at
        await PageTour.VisitEveryPageAsync(suite, page, async name =>
        {
            pages.Add(name);
            foreach (var (viewport, size) in Viewports.Both)
            {
                await page.SetViewportSizeAsync(size.Width, size.Height);
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{viewport}.png"), FullPage = true });
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                if (overflow > 0) problems.Add($"{name} at {viewport} width scrolls sideways by {overflow}px.");
            }

            await page.SetViewportSizeAsync(Viewports.Desktop.Width, Viewports.Desktop.Height);
        });

        // Assert: nothing refused by the CSP (no inline script or style), no script errors, no sideways scrolling
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(pages.Count >= 22, $"The tour visited only {pages.Count} pages.");
    }
}
