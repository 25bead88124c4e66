using System.Net;
using RazorReset.Infrastructure;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Shell;

public sealed class BenchmarkEndpointTests
{
    [Fact] // P2: the ceiling endpoint exists only for the benchmark
    public async Task Plaintext_IsNotMapped_ByDefault()
    {
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>());
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync("/bench/plaintext");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact] // P2
    public async Task Plaintext_AnswersWithText_WhenTheBenchmarkFlagIsSet()
    {
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?> { [BenchmarkEndpoints.PlaintextFlag] = "true" });
        using var client = factory.CreateBrowser();

        using var response = await client.GetAsync("/bench/plaintext");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Hello, World!", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("X-Content-Type-Options"));
    }
}
