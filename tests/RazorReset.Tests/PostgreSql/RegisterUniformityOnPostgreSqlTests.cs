using RazorReset.Tests.Accounts;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PostgreSql;

public sealed class RegisterUniformityOnPostgreSqlTests : RegisterUniformityTests
{
    protected override RazorResetFactory Host(IDictionary<string, string?> settings) => PostgreSqlFactory.On(settings);
}
