using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Forgot;

public sealed class ForgotUniformityOnSqliteTests(RazorResetFactory factory) : ForgotUniformityTests(factory), IClassFixture<RazorResetFactory>
{
    protected override RazorResetFactory Host(IDictionary<string, string?> settings) => RazorResetFactory.With(settings);
}
