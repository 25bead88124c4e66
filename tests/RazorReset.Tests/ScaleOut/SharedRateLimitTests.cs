using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using RazorReset.Tests.Api;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.ScaleOut;

/// <summary>
/// D4: two instances on databases of their own, sharing (or not) one Redis. The test server gives
/// every request the same null client address, so each host sees one client: the null-safe
/// "unknown" partition (S5).
/// </summary>
public sealed class SharedRateLimitTests : IAsyncLifetime
{
    private const int Limit = 3;
    private const int Unreachable = 3001;
    private const int Restored = 3002;

    private readonly RedisServer _redis = new();
    private readonly string _keyPrefix = $"test-{Guid.NewGuid():N}";

    [Fact] // D4, S5, U3: POSTs alternating between A and B spend one budget
    public async Task ForgotPosts_AlternatingBetweenTwoInstances_AreRefusedAfterOneBudget_WithTheReadable429()
    {
        // Arrange
        await using var a = Instance(_redis.Settings(_keyPrefix));
        await using var b = Instance(_redis.Settings(_keyPrefix));
        var pages = new[] { await ForgotPage.VisitAsync(a.CreateBrowser()), await ForgotPage.VisitAsync(b.CreateBrowser()) };

        // Act: A, B, A spend the budget; B has served one POST itself, yet is refused
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Limit; i++) statuses.Add(await StatusOfAsync(pages[i % 2].PostAsync(UserStories.UniqueEmail("shared"))));
        using var refusedByB = await pages[1].PostAsync(UserStories.UniqueEmail("shared"));
        using var refusedByA = await pages[0].PostAsync(UserStories.UniqueEmail("shared"));

        // Assert
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Found, status));
        foreach (var refused in new[] { refusedByB, refusedByA })
        {
            var document = await ResponseAssert.IsHtmlDocumentAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.Contains("Please wait", HtmlAssert.HasElement(document, "status-429").TextContent);
            Assert.InRange(RetryAfter(refused), 1, 600);
        }

        Assert.Equal(2, await RecordedAsync(a));
        Assert.Equal(1, await RecordedAsync(b)); // the refused POSTs recorded nothing
        Assert.DoesNotContain(a.Logs.Lines.Concat(b.Logs.Lines), l => l.EventId.Id == Unreachable);
    }

    [Fact] // D4, A3: the API's budget is shared too, and refused with problem+json
    public async Task ApiPosts_AlternatingBetweenTwoInstances_AreRefusedAfterOneBudget_AsProblemJson()
    {
        // Arrange
        await using var a = Instance(_redis.Settings(_keyPrefix));
        await using var b = Instance(_redis.Settings(_keyPrefix));
        using var appOnA = new ResetPasswordApiClient(a);
        using var appOnB = new ResetPasswordApiClient(b);
        var apps = new[] { appOnA, appOnB };

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Limit; i++) statuses.Add(await StatusOfAsync(apps[i % 2].SendLinkAsync(UserStories.UniqueEmail("api-shared"))));
        using var refused = await apps[Limit % 2].SendLinkAsync(UserStories.UniqueEmail("api-shared"));

        // Assert
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));
        var problem = await ResponseAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("urn:razorreset:problem:too-many-requests", problem.GetProperty("type").GetString());
        Assert.InRange(RetryAfter(refused), 1, 600);
    }

    [Fact] // D4, S5: one budget per client address, not one for everybody; the address comes from a configured proxy
    public async Task SharedBudgets_ArePerClientAddress()
    {
        // Arrange: both instances behind a proxy that names the client in X-Forwarded-For
        var settings = _redis.Settings(_keyPrefix);
        settings["RateLimiting:KnownProxies:0"] = "192.0.2.1";
        await using var a = Instance(new Dictionary<string, string?>(settings));
        await using var b = Instance(new Dictionary<string, string?>(settings));
        var first = new[] { await BehindProxyAsync(a, "203.0.113.10"), await BehindProxyAsync(b, "203.0.113.10") };
        var second = await BehindProxyAsync(b, "203.0.113.20");

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++) statuses.Add(await StatusOfAsync(first[i % 2].PostAsync(UserStories.UniqueEmail("first"))));
        var secondClient = await StatusOfAsync(second.PostAsync(UserStories.UniqueEmail("second")));

        // Assert
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Found, Limit), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Found, secondClient);
    }

    [Fact] // D4 positive control: without Redis each instance has a budget of its own
    public async Task WithoutRedis_EachInstanceHasItsOwnBudget()
    {
        // Arrange
        await using var a = Instance(new Dictionary<string, string?>());
        await using var b = Instance(new Dictionary<string, string?>());
        var pages = new[] { await ForgotPage.VisitAsync(a.CreateBrowser()), await ForgotPage.VisitAsync(b.CreateBrowser()) };

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * Limit; i++) statuses.Add(await StatusOfAsync(pages[i % 2].PostAsync(UserStories.UniqueEmail("own"))));
        var beyondA = await StatusOfAsync(pages[0].PostAsync(UserStories.UniqueEmail("own")));

        // Assert
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Found, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, beyondA);
    }

    [Fact] // D4: Redis down at start-up neither stops the app nor lifts the limits; each instance counts alone, and says so
    public async Task RedisUnreachableAtStartUp_EachInstanceLimitsOnItsOwn_AndLogsIt()
    {
        // Arrange
        await _redis.StopAsync();
        await using var a = Instance(_redis.Settings(_keyPrefix));
        await using var b = Instance(_redis.Settings(_keyPrefix));
        var pages = new[] { await ForgotPage.VisitAsync(a.CreateBrowser()), await ForgotPage.VisitAsync(b.CreateBrowser()) };

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * Limit; i++) statuses.Add(await StatusOfAsync(pages[i % 2].PostAsync(UserStories.UniqueEmail("local"))));
        using var beyondA = await pages[0].PostAsync(UserStories.UniqueEmail("local"));

        // Assert: not closed (every instance served its own budget), not open (and no more)
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Found, status));
        await ResponseAssert.IsHtmlDocumentAsync(beyondA, HttpStatusCode.TooManyRequests);
        Assert.InRange(RetryAfter(beyondA), 1, 600);
        foreach (var instance in new[] { a, b })
        {
            var warning = Assert.Single(instance.Logs.Lines, l => l.EventId.Id == Unreachable);
            Assert.Equal(LogLevel.Warning, warning.Level);
        }
    }

    [Fact] // D4: Redis lost mid-run — each instance falls back to its own window, logs it once, and shares again when Redis returns
    public async Task RedisLostMidRun_FallsBackToEachInstance_ThenSharesAgainWhenItReturns()
    {
        // Arrange: two of the three shared permits spent
        await using var a = Instance(_redis.Settings(_keyPrefix));
        await using var b = Instance(_redis.Settings(_keyPrefix));
        var pages = new[] { await ForgotPage.VisitAsync(a.CreateBrowser()), await ForgotPage.VisitAsync(b.CreateBrowser()) };
        Assert.Equal(HttpStatusCode.Found, await StatusOfAsync(pages[0].PostAsync(UserStories.UniqueEmail("lost"))));
        Assert.Equal(HttpStatusCode.Found, await StatusOfAsync(pages[1].PostAsync(UserStories.UniqueEmail("lost"))));

        // Act 1: Redis dies
        await _redis.StopAsync();
        var onA = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++) onA.Add(await StatusOfAsync(pages[0].PostAsync(UserStories.UniqueEmail("lost"))));
        var onB = await StatusOfAsync(pages[1].PostAsync(UserStories.UniqueEmail("lost")));

        // Assert 1: A counts a fresh window of its own, B too; each said so once
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Found, Limit), HttpStatusCode.TooManyRequests], onA);
        Assert.Equal(HttpStatusCode.Found, onB);
        Assert.Single(a.Logs.Lines, l => l.EventId.Id == Unreachable);
        Assert.Single(b.Logs.Lines, l => l.EventId.Id == Unreachable);

        // Act 2: Redis is back (empty: nothing was saved)
        await _redis.StartAsync();
        foreach (var instance in new[] { a, b })
        {
            await Eventually.UntilAsync(
                () => Task.FromResult(instance.Logs.Lines.Count(l => l.EventId.Id == Restored)),
                count => count > 0,
                _ => "The instance did not report Redis back.",
                TimeSpan.FromSeconds(30),
                TimeSpan.FromMilliseconds(100));
        }

        var shared = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++) shared.Add(await StatusOfAsync(pages[(i + 1) % 2].PostAsync(UserStories.UniqueEmail("back"))));

        // Assert 2: one budget again, though B's own window had room left
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Found, Limit), HttpStatusCode.TooManyRequests], shared);
    }

    [Fact] // D4: a Redis that answers with errors (here: out of memory) is treated as unreachable, not as a 500
    public async Task RedisRefusingTheCount_FallsBackToTheInstance_AndRecoversOnTheNextGoodAnswer()
    {
        // Arrange
        await using var a = Instance(_redis.Settings(_keyPrefix));
        var page = await ForgotPage.VisitAsync(a.CreateBrowser());
        Assert.Equal("+OK", await _redis.CommandAsync("CONFIG", "SET", "maxmemory-policy", "noeviction"));
        Assert.Equal("+OK", await _redis.CommandAsync("CONFIG", "SET", "maxmemory", "1"));

        // Act
        var refusedByRedis = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++) refusedByRedis.Add(await StatusOfAsync(page.PostAsync(UserStories.UniqueEmail("oom"))));
        await _redis.CommandAsync("CONFIG", "SET", "maxmemory", "0");
        var afterwards = await StatusOfAsync(page.PostAsync(UserStories.UniqueEmail("oom")));

        // Assert: the local window served and then refused; Redis's fresh window serves again
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Found, Limit), HttpStatusCode.TooManyRequests], refusedByRedis);
        Assert.Equal(HttpStatusCode.Found, afterwards);
        Assert.Single(a.Logs.Lines, l => l.EventId.Id == Unreachable);
        Assert.Single(a.Logs.Lines, l => l.EventId.Id == Restored);
    }

    [Theory] // O1: a bad connection string stops start-up naming the setting, without echoing it (it may hold a password)
    [InlineData("127.0.0.1:6379,password=hunter2-secret,connectTimeout=soon")]
    [InlineData(",")]
    public void StartUp_WithAnUnusableRedisConfiguration_FailsNamingTheSetting(string configuration)
    {
        using var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["Redis:Configuration"] = configuration });

        var exception = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Redis:Configuration", exception.ToString());
        Assert.DoesNotContain("hunter2-secret", exception.ToString());
    }

    public Task InitializeAsync() => _redis.StartAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    private static RazorResetFactory Instance(IDictionary<string, string?> settings)
    {
        settings["RateLimiting:PermitLimit"] = Limit.ToString(CultureInfo.InvariantCulture);
        var instance = RazorResetFactory.With(settings);
        instance.StartServer();
        return instance;
    }

    private static async Task<ForgotPage> BehindProxyAsync(RazorResetFactory instance, string clientAddress)
    {
        var browser = instance.CreateBrowser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return await ForgotPage.VisitAsync(browser);
    }

    private static async Task<HttpStatusCode> StatusOfAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return response.StatusCode;
    }

    private static int RetryAfter(HttpResponseMessage response) => int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);

    private static Task<int> RecordedAsync(RazorResetFactory instance) => instance.QueryAsync(db => Task.FromResult(db.ResetRequests.Count()));
}
