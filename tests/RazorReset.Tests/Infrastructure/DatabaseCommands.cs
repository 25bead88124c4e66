using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;

namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// Sees every database command the app runs, whatever the provider. A test marks the requests it
/// cares about (<see cref="Capture"/>); only the commands run on their behalf are recorded, so the
/// background processor and the outbox sender, running at the same time, never blur the picture.
/// A <see cref="CommandBarrier"/> can hold marked requests at one command until they all reach it.
/// </summary>
public sealed class DatabaseCommands : DbCommandInterceptor
{
    public const string Header = "X-Test-Capture";

    private static readonly AsyncLocal<CommandCapture?> Current = new();
    private readonly ConcurrentDictionary<string, CommandCapture> _captures = new();

    /// <summary>Installs the interceptor and the request marker in a host's services.</summary>
    public void Install(IServiceCollection services)
    {
        services.ConfigureDbContext<SqliteAppDbContext>(options => options.AddInterceptors(this), ServiceLifetime.Singleton);
        services.ConfigureDbContext<PostgreSqlAppDbContext>(options => options.AddInterceptors(this), ServiceLifetime.Singleton);
        services.AddSingleton<IStartupFilter>(new MarkRequests(this));
    }

    /// <summary>Records what the client's requests run until the capture is disposed.</summary>
    public CommandCapture Capture(HttpClient client, CommandBarrier? barrier = null)
    {
        var capture = new CommandCapture(client, barrier, id => _captures.TryRemove(id, out _));
        _captures[capture.Id] = capture;
        return capture;
    }

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        Current.Value?.Record(result);
        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (Current.Value?.Barrier is { } barrier) await barrier.ArriveAsync(command.CommandText);
        return result;
    }

    private sealed class MarkRequests(DatabaseCommands commands) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var id) && commands._captures.TryGetValue(id.ToString(), out var capture))
                {
                    Current.Value = capture;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
