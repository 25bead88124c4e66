using System.Reflection;
using System.Text.RegularExpressions;

namespace RazorReset.Tests.Shell;

/// <summary>The README is the front door: every setting the app binds is in its table, and it links only inside the repository.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = FindRepositoryRoot();
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));

    public static TheoryData<string> BoundSettings()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(Program).Assembly.GetTypes())
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is not string section) continue;
            foreach (var key in Keys(section, type)) data.Add(key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BoundSettings))]
    public void TheSettingsTable_NamesEverySettingTheAppBinds(string key)
    {
        var section = key[..key.LastIndexOf(':')];
        var name = key[(key.LastIndexOf(':') + 1)..];
        var rows = Readme.Split('\n').Where(line => line.StartsWith($"| `{section}:", StringComparison.Ordinal)).Select(FirstCell);

        Assert.True(rows.Any(cell => cell.Contains($"`{key}`") || (cell.StartsWith($"`{section}:", StringComparison.Ordinal) && cell.Contains($"`{name}`"))),
            $"README's settings table has no row for {key}.");
    }

    [Fact]
    public void EveryLink_LeadsToAFileInsideTheRepository()
    {
        var local = MarkdownLink().Matches(Readme).Select(match => match.Groups["target"].Value)
            .Where(target => !target.StartsWith("http", StringComparison.Ordinal) && !target.StartsWith('#'))
            .ToList();

        Assert.NotEmpty(local);
        foreach (var target in local)
        {
            var path = Path.GetFullPath(Path.Combine(Root, target.Split('#')[0]));
            Assert.True(path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal), $"{target} is outside the repository.");
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{target} does not exist.");
        }
    }

    [Fact]
    public void TheRepository_CarriesALicence_AndItsSpecification()
    {
        Assert.Contains("MIT License", File.ReadAllText(Path.Combine(Root, "LICENSE")));
        Assert.Contains("docs/SPEC.md", Readme);
        Assert.Contains("## Adopting it in your app", Readme);
    }

    private static IEnumerable<string> Keys(string section, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var simple = property.PropertyType.IsPrimitive || property.PropertyType.IsEnum || property.PropertyType.IsArray ||
                Nullable.GetUnderlyingType(property.PropertyType) is not null ||
                property.PropertyType == typeof(string) || property.PropertyType == typeof(TimeSpan);
            if (simple) yield return $"{section}:{property.Name}";
            else foreach (var key in Keys($"{section}:{property.Name}", property.PropertyType)) yield return key;
        }
    }

    private static string FirstCell(string row) => row.Split('|', StringSplitOptions.TrimEntries)[1];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RazorReset.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("RazorReset.sln not found above the test output folder.");
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
