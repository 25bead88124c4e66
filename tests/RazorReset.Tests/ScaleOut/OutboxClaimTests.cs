using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using RazorReset.Email;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;
using RazorReset.Tests.PostgreSql;

namespace RazorReset.Tests.ScaleOut;

/// <summary>The outbox's claim on one PostgreSQL database: kept by a live sender, lost by a dead one.</summary>
public sealed class OutboxClaimTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    [Fact] // E1: a live instance whose batch outlives a lease on a slow SMTP server keeps it, so B never sends it too
    public async Task ASlowBatchOfALiveInstance_KeepsItsClaimPastTheLease_AndEachMessageArrivesOnce()
    {
        // Arrange: A mails through a server that answers only when released; both run on one fake clock
        var smtp4dev = await Smtp4devServer.SharedAsync();
        await using var slow = new HeldSmtpRelay(smtp4dev.SmtpPort);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var database = PostgreSqlServer.NewDatabaseSettings();
        await using var a = Instance.Start(database, Merge(slow.SmtpSettings, LeaseSettings), clock: clock);
        var to = UserStories.UniqueEmail("slow");
        await ScaleOutMail.QueueAsync(a, Enumerable.Range(0, 20).Select(i => ScaleOutMail.Message(to, $"Slow {i:00}")));
        a.Service<OutboxSignal>().Wake();
        await slow.Connected.WaitAsync(TimeSpan.FromSeconds(30));
        var claimed = await Eventually.UntilAsync(
            () => a.QueryAsync(db => db.OutboxMessages.Select(m => new { m.LeaseId, m.NextAttemptAt }).ToListAsync()),
            rows => rows.Count == 20 && rows.All(r => r.LeaseId is not null && r.LeaseId == rows[0].LeaseId),
            rows => $"A claimed {rows.Count(r => r.LeaseId is not null)} of 20 messages.",
            TimeSpan.FromSeconds(30));
        var claim = claimed[0].LeaseId;
        var firstEnd = claimed.Min(r => r.NextAttemptAt);
        await using var b = Instance.Start(database, Merge(smtp4dev.SmtpSettings, LeaseSettings), clock: clock);

        // Act: time runs past the first lease and a whole lease more in steps; at each, once A has had
        // the chance to renew its claim, B looks for due mail
        while (clock.GetUtcNow().UtcDateTime < firstEnd + Lease)
        {
            clock.Advance(Lease / 6);
            await RenewalLandedAsync(a, claim, clock.GetUtcNow().UtcDateTime + Lease / 3);
            await b.Sender.SendDueAsync(CancellationToken.None);
            Assert.True((await smtp4dev.MessagesToAsync(to)).Count == 0, "B sent mail from the batch A was still sending.");
        }

        slow.Release();
        await a.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(60));

        // Assert: all 20 arrived, each once
        await smtp4dev.WaitForAsync(to, count: 20);
        var subjects = (await smtp4dev.SummariesAsync()).Where(s => s.IsTo(to)).Select(s => s.Subject).ToList();
        Assert.Equal(20, subjects.Count);
        Assert.Equal(20, subjects.Distinct().Count());
        Assert.Equal(0, await b.QueryAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact] // E1: kill -9 an instance inside its batch: another instance sends every message, each once
    public async Task AnInstanceKilledMidBatch_LosesNothing_AnotherSendsEachMessageOnce()
    {
        // Arrange: accounts on a fresh database; A, a real process, mails to a server that never answers
        var smtp4dev = await Smtp4devServer.SharedAsync();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var connected = silent.AcceptTcpClientAsync();
        var database = PostgreSqlServer.NewDatabaseSettings();
        var emails = Enumerable.Range(0, 10).Select(i => UserStories.UniqueEmail($"killed{i}")).ToList();
        await using (var seed = Instance.Start(database))
        {
            foreach (var email in emails) await UserStories.CreateUserAsync(seed, email);
        }

        var a = await AppProcess.StartAsync(Merge(database, LeaseSettings, new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:ConnectTimeout"] = "00:05:00",
            ["RateLimiting:PermitLimit"] = "1000",
        }));
        try
        {
            foreach (var email in emails)
            {
                using var client = a.CreateBrowser();
                await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
            }

            using var hanging = await connected.WaitAsync(TimeSpan.FromSeconds(60));
            await Eventually.UntilAsync(
                () => CountAsync(database, """SELECT COUNT(*) FROM "ResetRequests" WHERE "ProcessedAt" IS NULL"""),
                pending => pending == 0,
                pending => $"A left {pending} reset requests unresolved.",
                TimeSpan.FromSeconds(30));
            var held = await CountAsync(database, """SELECT COUNT(*) FROM "OutboxMessages" WHERE "LeaseId" IS NOT NULL""");
            Assert.InRange(held, 1, emails.Count);

            // Act: SIGKILL while A holds its claim; B comes up on the same database with a working server
            await a.KillAsync();
            await using var b = Instance.Start(database, Merge(smtp4dev.SmtpSettings, LeaseSettings));

            // Assert: every email arrives, once, and nothing is left behind
            foreach (var email in emails) await smtp4dev.WaitForAsync(email, timeout: TimeSpan.FromSeconds(60));
            await b.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(30));
            foreach (var email in emails)
            {
                var received = await smtp4dev.MessagesToAsync(email);
                Assert.Single(received);
                Assert.StartsWith("Reset your", received[0].Subject);
            }

            Assert.Equal(0L, await CountAsync(database, """SELECT COUNT(*) FROM "OutboxMessages" """));
        }
        finally
        {
            await a.DisposeAsync();
        }
    }

    /// <summary>
    /// A renews on its own timer once the fake clock reaches it; the write lands a moment later.
    /// Waits for it, but only so long: a claim that is not renewed is what B must then not steal.
    /// </summary>
    private static async Task RenewalLandedAsync(Instance a, Guid? claim, DateTime heldBeyond)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var ends = await a.QueryAsync(db => db.OutboxMessages.Where(m => m.LeaseId == claim).Select(m => m.NextAttemptAt).ToListAsync());
            if (ends.Count > 0 && ends.Min() > heldBeyond) return;
            await Task.Delay(25);
        }
    }

    private static IDictionary<string, string?> LeaseSettings => new Dictionary<string, string?>
    {
        ["Email:ClaimLease"] = Lease.ToString("c"),
    };

    private static Dictionary<string, string?> Merge(params IDictionary<string, string?>[] settings)
    {
        var all = new Dictionary<string, string?>();
        foreach (var (key, value) in settings.SelectMany(s => s)) all[key] = value;
        return all;
    }

    private static async Task<long> CountAsync(IDictionary<string, string?> database, string sql)
    {
        await using var connection = new NpgsqlConnection(database["ConnectionStrings:Default"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
