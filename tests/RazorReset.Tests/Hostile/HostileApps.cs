namespace RazorReset.Tests.Hostile;

/// <summary>The app in both of its published configurations, shared by the whole corpus.</summary>
public sealed class HostileApps : IAsyncLifetime
{
    private readonly Dictionary<string, HostileApp> _apps = [];

    public static readonly string[] Environments = ["Development", "Production"];

    public HostileApp this[string environment] => _apps[environment];

    public async Task InitializeAsync()
    {
        foreach (var environment in Environments) _apps[environment] = await HostileApp.StartAsync(environment);
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values) await app.DisposeAsync();
    }
}
