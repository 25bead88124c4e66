using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using RazorReset.Email;

namespace RazorReset.Benchmarks;

/// <summary>E2, E3: rendering the reset email from its templates, and encrypting it for the outbox.</summary>
public class EmailBenchmarks
{
    private const string Link = "https://reset.example.com/ResetLink?uid=6f1c2a8e-5b7d-4c1e-9a3f-2d8b7e4c1a90&token=CfDJ8KWwXIS0__dPhAA4CMfO_vMHCpCE4Oq6Z5-vFd2LuFxiPzsox38FNUpQErKoDQnivqhOsv04hTO8DWGSf4mFAa2WoH0LwuHRR08";
    private readonly EmailTemplates _templates = new();
    private readonly OutboxProtector _protector = new(DataProtectionProvider.Create("RazorReset.Benchmarks"));
    private EmailMessage _message = null!;

    [GlobalSetup]
    public void SetUp() => _message = _templates.ResetLink("someone@example.com", Link, "30 minutes");

    [Benchmark]
    public EmailMessage RenderResetLink() => _templates.ResetLink("someone@example.com", Link, "30 minutes");

    [Benchmark]
    public EmailMessage RenderPasswordChanged() =>
        _templates.PasswordChanged("someone@example.com", DateTimeOffset.UnixEpoch, "https://reset.example.com/Forgot");

    [Benchmark]
    public byte[] ProtectForOutbox() => _protector.Protect(_message);
}
