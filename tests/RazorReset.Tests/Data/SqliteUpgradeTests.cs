using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RazorReset.Email;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Data;

public sealed class SqliteUpgradeTests
{
    /// <summary>`dotnet ef migrations script` on the hand-written migrations of 2026-11-22, before the tool's took over.</summary>
    private static readonly string HandWrittenSchema = Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "sqlite-schema-2026-11-22.sql");

    [Fact] // O2: a database made by the previous migrations upgrades with its accounts, requests and queued mail intact
    public async Task ADatabaseFromTheHandWrittenMigrations_UpgradesWithItsDataIntact()
    {
        // Arrange: yesterday's schema, an account, a pending reset request for it and a queued message
        var directory = Directory.CreateTempSubdirectory("razorreset-upgrade-").FullName;
        try
        {
            var email = UserStories.UniqueEmail("upgraded");
            var queuedTo = UserStories.UniqueEmail("queued");
            await CreateOldDatabaseAsync(directory, email, queuedTo);

            // Act
            await using var factory = new UpgradedFactory(directory);
            factory.StartServer();

            // Assert
            var (all, applied) = await factory.QueryAsync(async db =>
                (db.Database.GetMigrations().ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList()));
            Assert.Equal(all, applied); // the baseline and everything after it, nothing hand-written
            Assert.True(await UserStories.CanSignInAsync(factory, email, UserStories.GoodPassword));
            await factory.Mailbox.WaitForAsync(email, "Reset your");
            await factory.Mailbox.WaitForAsync(queuedTo, "Queued before the upgrade");
            await factory.WaitForOutboxDrainedAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task CreateOldDatabaseAsync(string directory, string email, string queuedTo)
    {
        var keys = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(directory, "keys")), b => b.SetApplicationName("RazorReset"));
        var content = new OutboxProtector(keys).Protect(
            new EmailMessage(EmailKinds.PasswordChanged, queuedTo, "Queued before the upgrade", "text", "<p>html</p>"));
        var user = new IdentityUser { UserName = email, Email = email };
        var hash = new PasswordHasher<IdentityUser>().HashPassword(user, UserStories.GoodPassword);
        var normalized = email.ToUpperInvariant();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "app.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = await File.ReadAllTextAsync(HandWrittenSchema) + """
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ($id, $email, $normalized, $email, $normalized, 1, $hash, $stamp, $stamp, 0, 0, 1, 0);
            INSERT INTO "ResetRequests" ("NormalizedEmail", "RequestedAt", "Outcome", "Attempts") VALUES ($normalized, $now, 0, 0);
            INSERT INTO "OutboxMessages" ("Kind", "ProtectedContent", "CreatedAt", "NextAttemptAt", "Attempts", "Status")
            VALUES ('password-changed', $content, $now, $now, 0, 0);
            """;
        command.Parameters.AddWithValue("$id", user.Id);
        command.Parameters.AddWithValue("$email", email);
        command.Parameters.AddWithValue("$normalized", normalized);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$stamp", Guid.NewGuid().ToString());
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$content", content);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class UpgradedFactory(string directory) : RazorResetFactory(new Dictionary<string, string?>(), directory);
}
