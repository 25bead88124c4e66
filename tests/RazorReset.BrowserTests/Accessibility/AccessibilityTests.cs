using RazorReset.BrowserTests.Infrastructure;
using RazorReset.BrowserTests.Journeys;
using Xunit.Abstractions;

namespace RazorReset.BrowserTests.Accessibility;

[Collection(BrowserSuiteDefinition.Name)]
public sealed class AccessibilityTests(BrowserSuite suite, ITestOutputHelper output)
{
    [Fact] // U2
    public async Task EveryPage_HasNoAxeViolations_AtPhoneAndDesktopWidths_U2()
    {
        // Arrange. BypassCSP: axe-core goes in as a script the page did not ship, which the app's
        // CSP rightly refuses. Only this context lets it in; every other test, the screenshot tour
        // included, runs with the CSP enforced.
        await using var context = await suite.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        var checkedRules = new SortedSet<string>();
        var pages = new List<string>();

        // Act
        await PageTour.VisitEveryPageAsync(suite, page, async name =>
        {
            pages.Add(name);
            foreach (var (viewport, size) in Viewports.Both)
            {
                await page.SetViewportSizeAsync(size.Width, size.Height);
                var result = await Axe.RunAsync(page);
                checkedRules.UnionWith(result.Checked);
                violations.AddRange(result.Violations.Select(v => $"{name} at {viewport} width: {v}"));
            }

            await page.SetViewportSizeAsync(Viewports.Desktop.Width, Viewports.Desktop.Height);
        });

        // Assert
        var report = $"axe-core checked {checkedRules.Count} rules on {pages.Count} pages ({string.Join(", ", pages)}): {string.Join(" ", checkedRules)}";
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(TestOutput.Folder("axe"), "rules-checked.txt"), report + Environment.NewLine);
        Assert.True(violations.Count == 0, $"axe-core found {violations.Count} violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
        Assert.True(pages.Count >= 22, $"The tour visited only {pages.Count} pages.");
        Assert.Contains("color-contrast", checkedRules);
        Assert.Contains("label", checkedRules);
    }
}
