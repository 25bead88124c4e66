using RazorReset.Tests.Forgot;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PostgreSql;

public sealed class ForgotUniformityOnPostgreSqlTests(PostgreSqlFactory factory) : ForgotUniformityTests(factory), IClassFixture<PostgreSqlFactory>
{
    protected override RazorResetFactory Host(IDictionary<string, string?> settings) => PostgreSqlFactory.On(settings);
}
