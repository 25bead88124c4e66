using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Reset;

public sealed class RaceOnSqliteTests(RazorResetFactory factory) : RaceTests(factory), IClassFixture<RazorResetFactory>;
