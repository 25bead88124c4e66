using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Forgot;

public sealed class ForgotCommandUniformityOnSqliteTests(RazorResetFactory factory)
    : ForgotCommandUniformityTests(factory), IClassFixture<RazorResetFactory>;
