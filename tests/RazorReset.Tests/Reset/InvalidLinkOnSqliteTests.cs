using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Reset;

public sealed class InvalidLinkOnSqliteTests(RazorResetFactory factory) : InvalidLinkTests(factory), IClassFixture<RazorResetFactory>
{
    protected override RazorResetFactory Host(IDictionary<string, string?> settings) => RazorResetFactory.With(settings);
}
