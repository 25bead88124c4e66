using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Data;

/// <summary>
/// F2's "durable": by default every commit on SQLite is synced to disk (synchronous = FULL, 2), whatever
/// the native library's compiled default; Database:SqliteSynchronous = Normal (1) is an operator's choice.
/// </summary>
public sealed class SqliteSynchronousTests
{
    [Fact]
    public async Task ByDefault_EveryConnectionSyncsEachCommit()
    {
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?>());

        Assert.Equal(2L, await SynchronousAsync(factory));
    }

    [Fact]
    public async Task Normal_IsAppliedToEveryConnection_WhenAnOperatorChoosesIt()
    {
        await using var factory = RazorResetFactory.With(new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = "Normal" });

        Assert.Equal(1L, await SynchronousAsync(factory));
    }

    [Fact] // F2, P2: the request's insert is synced before its POST answers; the processor's commits wait for the next synced one
    public async Task TheRequestsInsertIsSynced_TheProcessorsBatchIsNot()
    {
        // Arrange
        await using var host = new LevelsHost();
        await host.InitializeAsync();
        using var browser = host.CreateBrowser();
        var forgot = await ForgotPage.VisitAsync(browser);

        // Act
        using (await forgot.PostAsync(UserStories.UniqueEmail("synced"))) { }
        await host.WaitForResetRequestsProcessedAsync();

        // Assert: the level each write ran at, read on its own connection inside its own transaction
        Assert.Equal([2L], host.Levels.At("INSERT INTO \"ResetRequests\""));
        var processor = host.Levels.At("UPDATE \"ResetRequests\""); // claims (the start-up sweep's finds nothing) and the batch's outcome
        Assert.True(processor.Count >= 2, $"{processor.Count} processor writes");
        Assert.All(processor, level => Assert.Equal(1L, level));
        Assert.Equal(2L, await SynchronousAsync(host)); // and a connection opened afterwards is back at the configured level
    }

    private sealed class LevelsHost() : RazorResetFactory(new Dictionary<string, string?>())
    {
        public SynchronousAtWrite Levels { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
                services.ConfigureDbContext<SqliteAppDbContext>(options => options.AddInterceptors(Levels), ServiceLifetime.Singleton));
        }
    }

    /// <summary>Before each write to the reset requests, reads the connection's synchronous level.</summary>
    private sealed class SynchronousAtWrite : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<(string Command, long Level)> _seen = new();

        public List<long> At(string commandStart) =>
            _seen.Where(s => s.Command.StartsWith(commandStart, StringComparison.Ordinal)).Select(s => s.Level).ToList();

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await RecordAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await RecordAsync(command, cancellationToken);
            return result;
        }

        private async Task RecordAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (!command.CommandText.Contains("\"ResetRequests\"", StringComparison.Ordinal)) return;
            if (!command.CommandText.StartsWith("INSERT", StringComparison.Ordinal) && !command.CommandText.StartsWith("UPDATE", StringComparison.Ordinal)) return;

            await using var probe = command.Connection!.CreateCommand();
            probe.Transaction = command.Transaction;
            probe.CommandText = "PRAGMA synchronous;";
            _seen.Enqueue((command.CommandText, (long)(await probe.ExecuteScalarAsync(cancellationToken))!));
        }
    }

    private static async Task<long> SynchronousAsync(RazorResetFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
