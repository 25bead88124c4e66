using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Email;

public sealed class SmtpSettingsTests
{
    [Fact] // E4, O1: a password is never sent over a plain connection
    public void StartUp_WithCredentialsAndNoTls_FailsNamingTheSetting()
    {
        using var factory = RazorResetFactory.With(new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:UserName"] = "me",
            ["Email:Smtp:Password"] = "secret",
        });

        var exception = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Email:Smtp:Security", exception.ToString());
    }

    [Theory] // positive control: the same credentials with TLS, and no credentials in plain text, start
    [InlineData("StartTls", "me")]
    [InlineData("None", null)]
    public void StartUp_WithTlsOrWithoutCredentials_Succeeds(string security, string? userName)
    {
        using var factory = RazorResetFactory.With(new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Security"] = security,
            ["Email:Smtp:UserName"] = userName,
            ["Email:Smtp:Password"] = userName is null ? null : "secret",
        });

        Assert.NotNull(factory.Server);
    }
}
