using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Shell;

public sealed class StartupValidationTests
{
    [Theory] // S8, O1
    [InlineData("")]
    [InlineData("http://reset.example.com")]
    [InlineData("not a url")]
    public void ProductionStartUp_WithAMissingOrInsecurePublicBaseUrl_FailsNamingTheSetting(string publicBaseUrl)
    {
        using var factory = RazorResetFactory.With(
            new Dictionary<string, string?> { ["App:PublicBaseUrl"] = publicBaseUrl },
            environment: "Production");

        var exception = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.True(exception.ToString().Contains("App:PublicBaseUrl"), exception.ToString());
    }

    [Fact] // O1
    public void StartUp_WithAnInvalidSetting_FailsNamingTheSetting()
    {
        using var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["PasswordReset:MaxEmailsPerAccountPerHour"] = "0" });

        var exception = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("PasswordReset:MaxEmailsPerAccountPerHour", exception.ToString());
    }

    [Fact] // O1, S5
    public void StartUp_WithAProxyThatIsNotAnAddress_FailsNamingTheSetting()
    {
        using var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["RateLimiting:KnownProxies:0"] = "proxy.example" });

        var exception = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("RateLimiting:KnownProxies", exception.ToString());
    }

    [Fact] // O1: nested settings are named by their full key
    public void StartUp_WithAnInvalidNestedSetting_FailsNamingTheFullKey()
    {
        using var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["Email:Smtp:Port"] = "70000" });

        var exception = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Email:Smtp:Port", exception.ToString());
    }

    [Fact] // S8
    public async Task ProductionStartUp_WithAnHttpsPublicBaseUrl_Serves_AndOnlyForThatHost()
    {
        await using var factory = RazorResetFactory.With(
            new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://reset.example.com" },
            environment: "Production");
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://reset.example.com"), AllowAutoRedirect = false });
        using var other = factory.CreateClient(new() { BaseAddress = new Uri("https://attacker.example"), AllowAutoRedirect = false });

        using var ok = await client.GetAsync("/Forgot");
        using var refused = await other.GetAsync("/Forgot");

        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(ok.Headers.Contains("Strict-Transport-Security"));
    }
}
