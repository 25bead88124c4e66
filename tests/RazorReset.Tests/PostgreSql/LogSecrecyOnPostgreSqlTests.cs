using RazorReset.Tests.Reset;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PostgreSql;

public sealed class LogSecrecyOnPostgreSqlTests : LogSecrecyTests
{
    protected override RazorResetFactory Host(IDictionary<string, string?> settings) => PostgreSqlFactory.On(settings);
}
