using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Reset;

public sealed class LogSecrecyOnSqliteTests : LogSecrecyTests
{
    protected override RazorResetFactory Host(IDictionary<string, string?> settings) => RazorResetFactory.With(settings);
}
