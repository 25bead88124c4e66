using BenchmarkDotNet.Attributes;
using RazorReset.PasswordReset;

namespace RazorReset.Benchmarks;

/// <summary>S10: the new-password check against the bundled common-password list.</summary>
public class PasswordPolicyBenchmarks
{
    private const string Email = "someone@example.com";
    private readonly PasswordPolicy _policy = new();
    private readonly string _passphrase = "violet kettle under the stairs";

    [GlobalSetup]
    public void LoadList() => _policy.IsCommon("warm the list up");

    [Benchmark]
    public IReadOnlyList<string> CommonPassword() => _policy.Check("1qaz2wsx3edc", Email);

    [Benchmark]
    public IReadOnlyList<string> Passphrase() => _policy.Check(_passphrase, Email);

    /// <summary>What the first check after start-up pays: decompressing and indexing the list.</summary>
    [Benchmark]
    public bool FirstCheck() => new PasswordPolicy().IsCommon(_passphrase);
}
