using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Accounts;

public sealed class RegisterUniformityOnSqliteTests : RegisterUniformityTests
{
    protected override RazorResetFactory Host(IDictionary<string, string?> settings) => RazorResetFactory.With(settings);
}
