using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using RazorReset.Email;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.ScaleOut;

/// <summary>
/// One of several app instances on one PostgreSQL database: its own content of disk (key folder,
/// mail folder), sharing only what the settings say is shared. A clock ahead of the others plays
/// an instance that comes along after a claim has lapsed; a fake clock shared by several
/// instances lets a test move time for all of them at once.
/// </summary>
public sealed class Instance : RazorResetFactory
{
    private readonly TimeSpan _clockAhead;

    private Instance(IDictionary<string, string?> settings, TimeSpan clockAhead, FakeTimeProvider? clock)
        : base(settings, clock: clock) => _clockAhead = clockAhead;

    public static Instance Start(
        IDictionary<string, string?> database,
        IDictionary<string, string?>? settings = null,
        TimeSpan clockAhead = default,
        FakeTimeProvider? clock = null)
    {
        var all = new Dictionary<string, string?>(database);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var instance = new Instance(all, clockAhead, clock);
        instance.StartServer();
        return instance;
    }

    /// <summary>This instance's outbox sender, to make it look for due mail at a moment the test chooses.</summary>
    public OutboxSender Sender => Services.GetServices<IHostedService>().OfType<OutboxSender>().Single();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_clockAhead != TimeSpan.Zero)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new AheadClock(_clockAhead)));
        }
    }

    private sealed class AheadClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
