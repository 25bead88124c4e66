using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.PasswordReset;

namespace RazorReset.Benchmarks;

/// <summary>S1: creating and checking a reset token with the app's own Data Protection provider.</summary>
public class ResetTokenBenchmarks
{
    private ServiceProvider _services = null!;
    private AsyncServiceScope _scope;
    private UserManager<IdentityUser> _users = null!;
    private IdentityUser _user = null!;
    private string _token = "";

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // One in-memory database for the run: it lives as long as its open connection, which the container disposes.
        services.AddSingleton(_ => { var connection = new SqliteConnection("Data Source=:memory:"); connection.Open(); return connection; });
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<DatabaseWriteGate>();
        services.AddDbContext<AppDbContext, SqliteAppDbContext>((provider, options) => options.UseSqlite(provider.GetRequiredService<SqliteConnection>()));
        services.AddOptions<ResetTokenProviderOptions>();
        services.AddIdentityCore<IdentityUser>(options => options.Tokens.PasswordResetTokenProvider = ResetTokenProvider.ProviderName)
            .AddEntityFrameworkStores<AppDbContext>()
            .AddTokenProvider<ResetTokenProvider>(ResetTokenProvider.ProviderName);
        _services = services.BuildServiceProvider();

        _scope = _services.CreateAsyncScope();
        await _scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreatedAsync();
        _users = _scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        _user = new IdentityUser("someone@example.com") { Email = "someone@example.com", EmailConfirmed = true };
        await _users.CreateAsync(_user);
        _token = await _users.GeneratePasswordResetTokenAsync(_user);
    }

    [Benchmark]
    public Task<string> CreateToken() => _users.GeneratePasswordResetTokenAsync(_user);

    [Benchmark]
    public Task<bool> VerifyToken() =>
        _users.VerifyUserTokenAsync(_user, ResetTokenProvider.ProviderName, UserManager<IdentityUser>.ResetPasswordTokenPurpose, _token);

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }
}
