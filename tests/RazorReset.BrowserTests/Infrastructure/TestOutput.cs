namespace RazorReset.BrowserTests.Infrastructure;

/// <summary>Files a person looks at after a run: test-output/ at the repository root (gitignored).</summary>
public static class TestOutput
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Folder(string name)
    {
        var folder = Path.Combine(RepositoryRoot, "test-output", name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RazorReset.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("RazorReset.sln not found above the test output folder.");
    }
}
