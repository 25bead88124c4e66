namespace RazorReset.Infrastructure;

/// <summary>
/// P2's ceiling: the cheapest answer this app's pipeline can give, every middleware included.
/// Mapped only when <c>Benchmark:PlaintextEndpoint</c> is true (the benchmark sets it), so a
/// production deployment never exposes it.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string PlaintextFlag = "Benchmark:PlaintextEndpoint";

    public static void MapBenchmarkEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(PlaintextFlag)) return;

        app.MapGet("/bench/plaintext", () => Results.Text("Hello, World!"));
    }
}
