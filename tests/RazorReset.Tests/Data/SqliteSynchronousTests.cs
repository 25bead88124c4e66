using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.Tests.Infrastructure;

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
