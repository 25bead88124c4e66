using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Hostile;

public sealed class HealthFaultTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // O3: a database that still reads but no longer takes writes is unhealthy, and healthy again once it does
    public async Task Healthz_TurnsUnhealthy_WhileTheDatabaseRefusesWrites()
    {
        // Arrange
        var fault = new ReadOnlyDatabase();
        using var app = factory.WithWebHostBuilder(host => host.ConfigureServices(services =>
            services.ConfigureDbContext<SqliteAppDbContext>(options => options.AddInterceptors(fault))));
        using var client = app.CreateClient();

        // Act
        using var before = await client.GetAsync("/healthz");
        fault.On = true;
        using var during = await client.GetAsync("/healthz");
        using var readsStillWork = await client.GetAsync("/Forgot");
        fault.On = false;
        using var after = await client.GetAsync("/healthz");

        // Assert
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("Unhealthy", await during.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, readsStillWork.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    /// <summary>While on, every connection the app opens is read-only, as on a full disk or a read-only volume.</summary>
    private sealed class ReadOnlyDatabase : DbConnectionInterceptor
    {
        public volatile bool On;

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = On ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = On ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0";
            command.ExecuteNonQuery();
        }
    }
}
