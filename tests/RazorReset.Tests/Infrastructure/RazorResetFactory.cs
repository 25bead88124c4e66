using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RazorReset.Data;
using RazorReset.Email;

namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// The real app on the test server, with a database, key ring and mail folder of its own in a
/// temporary directory. Each test class gets one (IClassFixture); a test that needs other settings
/// or a restart builds its own, pointing at the same <see cref="DataDirectory"/> to share state.
/// </summary>
public class RazorResetFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings;
    private readonly IDictionary<string, string?> _overrides;
    private bool _ownsDirectory;

    public RazorResetFactory() : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A host with other settings, on data of its own.</summary>
    public static RazorResetFactory With(IDictionary<string, string?> settings, string environment = "Development") =>
        new(settings, dataDirectory: null, environment);

    /// <summary>
    /// A host on data of its own whose clock moves only when the test advances it: lifespans,
    /// windows and backoff are then tested without waiting for them.
    /// </summary>
    public static RazorResetFactory WithClock(FakeTimeProvider clock, IDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>(), clock: clock);

    protected RazorResetFactory(
        IDictionary<string, string?> settings,
        string? dataDirectory = null,
        string environment = "Development",
        FakeTimeProvider? clock = null)
    {
        Clock = clock;
        _ownsDirectory = dataDirectory is null;
        _overrides = settings;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("razorreset-test-").FullName;
        Environment = environment;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={DatabasePath}",
            ["DataProtection:KeysPath"] = Path.Combine(DataDirectory, "keys"),
            ["Email:Transport"] = "Pickup",
            ["Email:PickupDirectory"] = MailDirectory,
            ["Email:InitialRetryDelay"] = "00:00:00.200",
            ["Email:MaxRetryDelay"] = "00:00:01",
            ["PasswordReset:SweepInterval"] = "00:00:01",
            // Generous by default: the test server gives every request the same (null) client IP.
            ["RateLimiting:PermitLimit"] = "100000",
            ["RateLimiting:AccountFormsPermitLimit"] = "100000",
            ["Logging:LogLevel:Default"] = "Trace",
        };
        foreach (var (key, value) in settings) _settings[key] = value;
    }

    public string DataDirectory { get; }

    /// <summary>
    /// Stops this host and starts another on the same database, keys and mail folder, as a
    /// process restart would. The new host inherits the clean-up of the data directory.
    /// </summary>
    public async Task<RazorResetFactory> RestartAsync(IDictionary<string, string?>? settings = null)
    {
        var next = new RazorResetFactory(settings ?? _overrides, DataDirectory, Environment) { _ownsDirectory = _ownsDirectory, Clock = Clock };
        _ownsDirectory = false;
        await DisposeAsync();
        next.StartServer();
        return next;
    }

    /// <summary>Another running instance on the same database, keys and mail folder, as in a scaled-out deployment.</summary>
    public RazorResetFactory StartSecondInstance()
    {
        var second = new RazorResetFactory(_overrides, DataDirectory, Environment) { Clock = Clock };
        second.StartServer();
        return second;
    }

    public string Environment { get; }

    /// <summary>The fake clock the app runs on, if the test gave it one.</summary>
    public FakeTimeProvider? Clock { get; private init; }

    public string DatabasePath => Path.Combine(DataDirectory, "app.db");

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    public Mailbox Mailbox => new(MailDirectory);

    public LogCapture Logs { get; } = new();

    /// <summary>The database commands marked requests run (F2's structural proof, deterministic races).</summary>
    public DatabaseCommands Commands { get; } = new();

    /// <summary>A fresh "browser": its own cookie jar, redirects not followed.</summary>
    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A fresh "browser" whose cookie jar the test can reach, to drop or alter a cookie.</summary>
    public HttpClient CreateBrowser(CookieContainer cookies) => CreateDefaultClient(new CookieContainerHandler(cookies));

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs a query against the app's own database, in a scope of its own.</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Waits until the background processor has resolved every recorded reset request (F2).</summary>
    public Task WaitForResetRequestsProcessedAsync(TimeSpan? timeout = null) => Eventually.UntilAsync(
        () => QueryAsync(db => db.ResetRequests.AnyAsync(r => r.ProcessedAt == null)),
        pending => !pending,
        _ => "Reset requests were not processed in time.",
        timeout ?? TimeSpan.FromSeconds(15),
        TimeSpan.FromMilliseconds(25));

    /// <summary>Waits until the background processor has resolved every register and resend-confirmation request.</summary>
    public Task WaitForAccountRequestsProcessedAsync(TimeSpan? timeout = null) => Eventually.UntilAsync(
        () => QueryAsync(db => db.AccountRequests.AnyAsync(r => r.ProcessedAt == null)),
        pending => !pending,
        _ => "Account requests were not processed in time.",
        timeout ?? TimeSpan.FromSeconds(15),
        TimeSpan.FromMilliseconds(25));

    /// <summary>Waits until the outbox holds nothing pending: every message delivered (E1).</summary>
    public Task WaitForOutboxDrainedAsync(TimeSpan? timeout = null) => Eventually.UntilAsync(
        () => QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.Pending)),
        pending => !pending,
        _ => "The outbox did not drain in time.",
        timeout ?? TimeSpan.FromSeconds(15),
        TimeSpan.FromMilliseconds(25));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(Commands.Install);
        if (Clock is not null) builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
        });
    }

    public Task InitializeAsync()
    {
        StartServer(); // start now, so a start-up failure fails the fixture, not a random test (TestServer or Kestrel alike)
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (!_ownsDirectory) return;

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a background thread: the OS cleans temp folders.
        }
    }
}
