using Microsoft.Playwright;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.BrowserTests.Infrastructure;

/// <summary>
/// What every browser test shares: one headless Debian Chromium, one smtp4dev (E6) and one app
/// on Kestrel that mails through it. Each test opens its own browser context (a fresh profile:
/// no cookies, no history), so tests stay independent while the expensive parts start once.
/// </summary>
public sealed class BrowserSuite : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private LiveAppFactory? _app;

    public Smtp4devServer Smtp4dev { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>The app with SMTP to smtp4dev and rate limits out of the way.</summary>
    public LiveAppFactory App => _app ?? throw new InvalidOperationException("The app has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run tests/run, which installs Debian's chromium package.");
        }

        await Smtp4dev.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            // The system Chromium: no browser download is possible (or wanted) here.
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        _app = await StartAppAsync();
    }

    /// <summary>Another app on its own socket and database, mailing through the same smtp4dev.</summary>
    public Task<LiveAppFactory> StartAppAsync(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(Smtp4dev.SmtpSettings) { ["RateLimiting:PermitLimit"] = "100000", ["RateLimiting:AccountFormsPermitLimit"] = "100000" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return LiveAppFactory.StartAsync(all);
    }

    /// <summary>A fresh profile: desktop size, short timeouts so a broken step fails fast.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScriptEnabled = true, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = Viewports.Desktop,
            JavaScriptEnabled = javaScriptEnabled,
            BypassCSP = bypassCsp,
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await Smtp4dev.DisposeAsync();
    }
}

/// <summary>The two screens U3 names.</summary>
public static class Viewports
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    public static readonly IReadOnlyList<(string Name, ViewportSize Size)> Both = [("phone", Phone), ("desktop", Desktop)];
}

/// <summary>One Chromium for every test class; they run one after another (2 cores, one browser).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserSuiteDefinition : ICollectionFixture<BrowserSuite>
{
    public const string Name = "Browser";
}
