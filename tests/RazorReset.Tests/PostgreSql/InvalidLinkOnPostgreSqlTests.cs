using RazorReset.Tests.Reset;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PostgreSql;

public sealed class InvalidLinkOnPostgreSqlTests(PostgreSqlFactory factory) : InvalidLinkTests(factory), IClassFixture<PostgreSqlFactory>
{
    protected override RazorResetFactory Host(IDictionary<string, string?> settings) => PostgreSqlFactory.On(settings);
}
