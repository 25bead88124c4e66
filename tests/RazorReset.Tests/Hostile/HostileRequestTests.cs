using RazorReset.Infrastructure;

namespace RazorReset.Tests.Hostile;

public sealed class HostileRequestTests(HostileApps apps) : IClassFixture<HostileApps>
{
    private static readonly string[] Internals =
        ["Exception", "   at ", ".cs:line", "StackTrace", "Data Source=", "app.db", "SqliteException", "Npgsql", "RazorReset.Data", "PasswordHash", "SecurityStamp"];

    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>();
        foreach (var environment in HostileApps.Environments)
        {
            foreach (var name in HostileCorpus.Cases.Keys) data.Add(environment, name);
        }

        return data;
    }

    [Theory, MemberData(nameof(Corpus))] // S3, S7, S8, S9, hostile input: a valid refusal (or the uniform answer), nothing changed, nothing revealed
    public async Task HostileRequest_GetsAValidAnswer_ChangesNothing_AndRevealsNothing(string environment, string name)
    {
        // Arrange
        var app = apps[environment];
        var hostile = HostileCorpus.Cases[name];
        var request = await hostile.Build(app);
        var before = await app.StateAsync();

        // Act
        var response = await app.SendAsync(request);

        // Assert: a status line a browser or proxy can read, and one of the expected answers
        Assert.True(response.Status > 0, $"Invalid status line: '{response.StatusLine}'");
        Assert.Contains(response.Status, hostile.AllowedFor(environment));

        // Assert: the security headers, refusals included (S7)
        if (hostile.ByServer) return;
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, response.Header("Content-Security-Policy"));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("no-referrer", response.Header("Referrer-Policy"));

        // Assert: no internals, and a refusal is the app's own readable page
        Assert.All(Internals, secret => Assert.DoesNotContain(secret, response.Body, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Set(response, "Set-Cookie"), cookie => cookie.StartsWith("x=", StringComparison.Ordinal));
        if (hostile.StatusPage) Assert.Contains($"id=\"status-{response.Status}\"", response.Body);

        // Assert: redirects stay on this site
        if (response.Header("Location") is { } location)
        {
            if (Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
            {
                Assert.Equal("localhost", absolute.Host);
                location = absolute.PathAndQuery;
            }

            Assert.StartsWith("/", location);
            Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
            if (hostile.Location is { } expected) Assert.Equal(expected, location.Split('?')[0]);
        }

        // Assert: nothing changed
        Assert.Equal(before, await app.StateAsync());
    }

    private static IEnumerable<string> Set(RawResponse response, string header) => response.All(header);
}
