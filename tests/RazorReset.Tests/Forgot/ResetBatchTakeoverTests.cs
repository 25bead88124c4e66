using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Forgot;

public sealed class ResetBatchTakeoverTests
{
    [Fact] // D3, F2: a batch whose claim another instance took over meanwhile commits nothing, its unknown addresses included
    public async Task ABatchTakenOverWhileItRan_ResolvesNothing_NotEvenAnUnknownAddress()
    {
        // Arrange: once the processor has loaded its batch, "another instance" claims the batch's request
        await using var host = new TakeoverHost();
        await host.InitializeAsync();
        using var browser = host.CreateBrowser();
        var forgot = await ForgotPage.VisitAsync(browser);

        // Act
        using (await forgot.PostAsync(UserStories.UniqueEmail("taken-over"))) { }
        var events = await Eventually.UntilAsync(
            () => Task.FromResult(host.Logs.Lines.Select(l => l.EventId.Id).Where(id => id is 1001 or 1011).ToList()),
            ids => ids.Count > 0,
            _ => "The processor never finished the batch.",
            TimeSpan.FromSeconds(20));

        // Assert: the request is the other claimant's, untouched: still pending, its address kept for it, no code row
        Assert.Equal(1, host.Takeover.TakenOver);
        Assert.Equal([1011], events); // "resolved by another instance first": nothing of the batch was committed, not even its log line
        var request = await host.QueryAsync(db => db.ResetRequests.AsNoTracking().SingleAsync());
        Assert.Equal(host.Takeover.Claim, request.ClaimId);
        Assert.Null(request.ProcessedAt);
        Assert.NotNull(request.NormalizedEmail);
        Assert.False(await host.QueryAsync(db => db.ResetCodes.AnyAsync(c => c.RequestId == request.Id)));
    }

    private sealed class TakeoverHost() : RazorResetFactory(new Dictionary<string, string?>())
    {
        public TakeoverOnBatchLoad Takeover { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Takeover.DatabasePath = DatabasePath;
            builder.ConfigureServices(services =>
                services.ConfigureDbContext<SqliteAppDbContext>(options => options.AddInterceptors(Takeover), ServiceLifetime.Singleton));
        }
    }

    /// <summary>
    /// The first time the processor loads a claimed batch (before it looks anything up or writes),
    /// claims every claimed request for someone else, on a connection of its own.
    /// </summary>
    private sealed class TakeoverOnBatchLoad : DbCommandInterceptor
    {
        private int _done;

        public int TakenOver { get; private set; }

        public string DatabasePath { get; set; } = "";

        public Guid Claim { get; } = Guid.NewGuid();

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.StartsWith("SELECT", StringComparison.Ordinal)
                && command.CommandText.Contains("FROM \"ResetRequests\"", StringComparison.Ordinal)
                && command.CommandText.Contains("\"ClaimId\" = @", StringComparison.Ordinal)
                && Interlocked.Exchange(ref _done, 1) == 0)
            {
                await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
                await connection.OpenAsync(cancellationToken);
                await using var takeover = connection.CreateCommand();
                takeover.CommandText = "UPDATE \"ResetRequests\" SET \"ClaimId\" = $claim WHERE \"ClaimId\" IS NOT NULL";
                takeover.Parameters.AddWithValue("$claim", Claim.ToString().ToUpperInvariant()); // as EF Core stores a Guid in SQLite
                TakenOver = await takeover.ExecuteNonQueryAsync(cancellationToken);
            }

            return result;
        }
    }
}
