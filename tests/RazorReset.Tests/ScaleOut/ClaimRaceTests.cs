using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RazorReset.Data;
using RazorReset.Email;
using RazorReset.PasswordReset;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;
using RazorReset.Tests.PostgreSql;

namespace RazorReset.Tests.ScaleOut;

/// <summary>
/// The moment two instances claim the same head of a queue under READ COMMITTED: one claim holds
/// the rows (uncommitted) while the app's own claim waits for them. When the first commits, the
/// app must skip those rows, not take them over: taking over means both send.
/// </summary>
public sealed class ClaimRaceTests
{
    private static readonly Dictionary<string, string?> CommandLog = new() { [$"Logging:LogLevel:{DbLoggerCategory.Database.Command.Name}"] = "Information" };

    [Fact] // E1: the outbox claim never takes over messages another sender claimed while it waited
    public async Task OutboxClaim_WaitingOnAnotherInstancesClaim_SkipsItsMessages()
    {
        var database = PostgreSqlServer.NewDatabaseSettings();
        await using var app = Instance.Start(database, CommandLog);
        await StartUpSweepDoneAsync(app, "OutboxMessages");
        var to = UserStories.UniqueEmail("contested");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = ScaleOutMail.QuietOutbox(scope.ServiceProvider);
            for (var i = 0; i < 10; i++) outbox.Add(new EmailMessage(EmailKinds.PasswordChanged, to, $"Contested {i}", "text", "<p>html</p>"));
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        var other = Guid.NewGuid();
        await ContestAsync(
            database,
            $"""UPDATE "OutboxMessages" SET "LeaseId" = '{other}', "NextAttemptAt" = now() + interval '1 hour'""",
            "OutboxMessages",
            () => app.Service<OutboxSignal>().Wake());

        Assert.Equal(10, await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.LeaseId == other)));
        Assert.Empty(app.Mailbox.To(to));
    }

    [Fact] // F2: the reset-request claim never takes over requests another processor claimed while it waited
    public async Task ResetRequestClaim_WaitingOnAnotherInstancesClaim_SkipsItsRequests()
    {
        var database = PostgreSqlServer.NewDatabaseSettings();
        await using var app = Instance.Start(database, CommandLog);
        await StartUpSweepDoneAsync(app, "ResetRequests");
        var email = UserStories.UniqueEmail("contested");
        await UserStories.CreateUserAsync(app, email);
        await app.QueryAsync(db =>
        {
            db.ResetRequests.AddRange(Enumerable.Range(0, 3).Select(_ => new ResetRequest { NormalizedEmail = email.ToUpperInvariant(), RequestedAt = DateTime.UtcNow }));
            return db.SaveChangesAsync();
        });

        var other = Guid.NewGuid();
        await ContestAsync(
            database,
            $"""UPDATE "ResetRequests" SET "ClaimId" = '{other}', "RetryAt" = now() + interval '1 hour'""",
            "ResetRequests",
            () => app.Service<ResetRequestSignal>().Wake());

        Assert.Equal(3, await app.QueryAsync(db => db.ResetRequests.CountAsync(r => r.ClaimId == other && r.ProcessedAt == null)));
        Assert.Empty(app.Mailbox.To(email));
    }

    /// <summary>
    /// The queue's processor sweeps once at start-up. Rows queued before that sweep has run would be
    /// taken by it rather than contended, as happened once in a loaded full run; its claim is in the
    /// command log.
    /// </summary>
    private static async Task StartUpSweepDoneAsync(Instance app, string table) => await Eventually.UntilAsync(
        () => Task.FromResult(app.Logs.Lines.Any(l =>
            l.Category == DbLoggerCategory.Database.Command.Name && l.Message.Contains($"UPDATE \"{table}\"", StringComparison.Ordinal))),
        swept => swept,
        _ => $"The {table} processor never ran its start-up sweep.",
        TimeSpan.FromSeconds(20));

    /// <summary>
    /// Claims every row of the table in an open transaction, wakes the app, waits until the app's
    /// claim is blocked on those rows, commits, and waits until the app's claim has finished.
    /// </summary>
    private static async Task ContestAsync(IDictionary<string, string?> database, string claimEverything, string table, Action wake)
    {
        var connectionString = database["ConnectionStrings:Default"]!;
        await using var contender = new NpgsqlConnection(connectionString);
        await contender.OpenAsync();
        await using var transaction = await contender.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand(claimEverything, contender, transaction)) await claim.ExecuteNonQueryAsync();

        wake();
        await using var observer = new NpgsqlConnection(connectionString);
        await observer.OpenAsync();
        await Eventually.UntilAsync(() => AppClaimsAsync(observer, table, waiting: true), n => n > 0, _ => "The app's claim never waited on the contended rows.", TimeSpan.FromSeconds(20));

        await transaction.CommitAsync();
        await Eventually.UntilAsync(() => AppClaimsAsync(observer, table, waiting: false), n => n == 0, n => $"{n} claims still running.", TimeSpan.FromSeconds(20));
    }

    private static async Task<long> AppClaimsAsync(NpgsqlConnection observer, string table, bool waiting)
    {
        await using var query = new NpgsqlCommand(
            $"""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
              AND query LIKE 'UPDATE "{table}"%' {(waiting ? "AND wait_event_type = 'Lock'" : "")}
            """,
            observer);
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
