using System.Text.Json;
using Microsoft.Playwright;

namespace RazorReset.BrowserTests.Infrastructure;

/// <summary>U2: axe-core from the npm registry (tests/node_modules), run inside the page as it is shown.</summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(TestOutput.RepositoryRoot, "tests", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"axe-core is not installed at {path}: run tests/run (it runs npm ci in tests/).");
    });

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Runs every rule axe enables by default (WCAG 2.x A/AA and best practices). The page's
    /// context must bypass the CSP: axe is injected as a script the page did not ship.
    /// </summary>
    public static async Task<AxeResult> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new() { Content = Source.Value });
        }

        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              const ids = list => list.map(rule => rule.id);
              return {
                violations: result.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) })),
                passes: ids(result.passes),
                incomplete: ids(result.incomplete),
                inapplicable: ids(result.inapplicable),
              };
            }
            """);
        return json.Deserialize<AxeResult>(JsonOptions) ?? throw new InvalidOperationException("axe returned nothing.");
    }
}

public sealed record AxeResult(
    IReadOnlyList<AxeViolation> Violations,
    IReadOnlyList<string> Passes,
    IReadOnlyList<string> Incomplete,
    IReadOnlyList<string> Inapplicable)
{
    /// <summary>The rules that found something to check on the page.</summary>
    public IEnumerable<string> Checked => Passes.Concat(Violations.Select(v => v.Id)).Concat(Incomplete);
}

public sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Id} ({Impact}): {Help} — {string.Join(" | ", Targets)}";
}
