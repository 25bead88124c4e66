using System.Net;
using System.Text.Json;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Api;

public sealed class OpenApiDocumentTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // A3: what a mobile developer needs, in Development
    public async Task OpenApiDocument_DescribesBothOperations_WithSummariesAndExamples()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var path = document.RootElement.GetProperty("paths").GetProperty(ResetPasswordApiClient.Route);
        foreach (var (method, statuses) in new[] { ("post", new[] { "202", "400", "429" }), ("patch", new[] { "204", "400", "429" }) })
        {
            var operation = path.GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()));
            Assert.True(operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").TryGetProperty("examples", out _));
            foreach (var status in statuses) Assert.True(operation.GetProperty("responses").TryGetProperty(status, out _), $"{method} documents {status}");
        }

        Assert.Contains("invalid_or_expired_token", path.GetProperty("patch").GetRawText());
    }

    [Fact] // A4: the code's request shape, with an example a client developer can copy
    public async Task OpenApiDocument_DescribesTheCodeFields_AndAnExampleWithTheCode()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var patch = document.RootElement.GetProperty("paths").GetProperty(ResetPasswordApiClient.Route).GetProperty("patch");
        var examples = patch.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples");
        var withCode = examples.GetProperty("with the code").GetProperty("value");
        Assert.Equal(["code", "email", "password"], withCode.EnumerateObject().Select(p => p.Name).Order());
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var properties = schemas.GetProperty("ResetPasswordRequest").GetProperty("properties");
        Assert.True(properties.TryGetProperty("email", out _));
        Assert.Contains("8-digit", properties.GetProperty("code").GetProperty("description").GetString());
    }

    [Fact] // A3: production does not advertise its surface
    public async Task OpenApiDocument_IsNotServed_OutsideDevelopment()
    {
        var production = RazorResetFactory.With(
            new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://reset.example.com" },
            environment: "Production");
        try
        {
            using var client = production.CreateClient(new() { BaseAddress = new Uri("https://reset.example.com"), AllowAutoRedirect = false });

            using var response = await client.GetAsync("/openapi/v1.json");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)production).DisposeAsync();
        }
    }
}
