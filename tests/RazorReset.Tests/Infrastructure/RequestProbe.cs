using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RazorReset.Data;

namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// What a request does that a stopwatch would only guess at: the SQL commands it runs and the
/// password-hasher calls it makes. Work done outside a request (the background processors) is
/// not counted.
/// </summary>
public sealed class RequestProbe
{
    private readonly ConcurrentQueue<string> _commands = new();
    private int _hashes;
    private int _verifications;

    /// <summary>The app with the probe installed.</summary>
    public WebApplicationFactory<Program> Install(RazorResetFactory factory) =>
        factory.WithWebHostBuilder(host => host.ConfigureServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton(this);
            services.AddScoped<IPasswordHasher<IdentityUser>, CountingHasher>();
            services.ConfigureDbContext<SqliteAppDbContext>((provider, options) =>
                options.AddInterceptors(new CommandRecorder(this, provider.GetRequiredService<IHttpContextAccessor>())));
            services.ConfigureDbContext<PostgreSqlAppDbContext>((provider, options) =>
                options.AddInterceptors(new CommandRecorder(this, provider.GetRequiredService<IHttpContextAccessor>())));
        }));

    public async Task<Observed> ObserveAsync(Func<Task> request)
    {
        _commands.Clear();
        var hashes = _hashes;
        var verifications = _verifications;
        await request();
        return new Observed([.. _commands], _hashes - hashes, _verifications - verifications);
    }

    public sealed record Observed(IReadOnlyList<string> Commands, int Hashes, int Verifications);

    private sealed class CountingHasher(RequestProbe probe, IOptions<PasswordHasherOptions> options) : PasswordHasher<IdentityUser>(options)
    {
        public override string HashPassword(IdentityUser user, string password)
        {
            Interlocked.Increment(ref probe._hashes);
            return base.HashPassword(user, password);
        }

        public override PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref probe._verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class CommandRecorder(RequestProbe probe, IHttpContextAccessor requests) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command)
        {
            if (requests.HttpContext is not null) probe._commands.Enqueue(command.CommandText);
        }
    }
}
