using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.ScaleOut;

/// <summary>
/// One of several app instances on one PostgreSQL database: its own content of disk (key folder,
/// mail folder), sharing only what the settings say is shared. A clock ahead of the others plays
/// an instance that comes along after a claim has lapsed.
/// </summary>
public sealed class Instance : RazorResetFactory
{
    private readonly TimeSpan _clockAhead;

    private Instance(IDictionary<string, string?> settings, TimeSpan clockAhead) : base(settings) => _clockAhead = clockAhead;

    public static Instance Start(IDictionary<string, string?> database, IDictionary<string, string?>? settings = null, TimeSpan clockAhead = default)
    {
        var all = new Dictionary<string, string?>(database);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var instance = new Instance(all, clockAhead);
        instance.StartServer();
        return instance;
    }

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
