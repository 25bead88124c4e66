using RazorReset.Tests.Reset;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.PostgreSql;

public sealed class RaceOnPostgreSqlTests(PostgreSqlFactory factory) : RaceTests(factory), IClassFixture<PostgreSqlFactory>;
