using RazorReset.Tests.Forgot;

namespace RazorReset.Tests.PostgreSql;

public sealed class ForgotCommandUniformityOnPostgreSqlTests(PostgreSqlFactory factory)
    : ForgotCommandUniformityTests(factory), IClassFixture<PostgreSqlFactory>;
