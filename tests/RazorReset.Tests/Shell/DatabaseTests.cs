using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RazorReset.Data;
using RazorReset.Email;
using RazorReset.Tests.Infrastructure;

namespace RazorReset.Tests.Shell;

public sealed class DatabaseTests(RazorResetFactory factory) : IClassFixture<RazorResetFactory>
{
    [Fact] // O2
    public async Task Model_HasNoChangesMissingFromTheMigrations()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact] // O2
    public async Task StartUp_CreatesTheDatabaseFileWithEveryTable()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.True(File.Exists(factory.DatabasePath));
        Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed));
        Assert.True(await db.Users.AnyAsync()); // the Development demo account
    }

    [Fact] // O3
    public async Task Healthz_Answers200_WithTheDatabaseUp()
    {
        using var client = factory.CreateBrowser();
        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
