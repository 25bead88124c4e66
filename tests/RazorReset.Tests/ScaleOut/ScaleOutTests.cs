using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RazorReset.Email;
using RazorReset.PasswordReset;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;
using RazorReset.Tests.PostgreSql;

namespace RazorReset.Tests.ScaleOut;

/// <summary>Two instances, A and B, on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class ScaleOutTests
{
    [Fact] // S12: the key ring is in the database, so a link mailed through A opens and completes on B
    public async Task ALinkMailedThroughA_OpensAndCompletesOnB()
    {
        // Arrange: A and B share the database, one SMTP server and nothing on disk
        var smtp4dev = await Smtp4devServer.SharedAsync();
        var database = PostgreSqlServer.NewDatabaseSettings();
        await using var a = Instance.Start(database, smtp4dev.SmtpSettings);
        await using var b = Instance.Start(database, smtp4dev.SmtpSettings);
        var email = UserStories.UniqueEmail("across");
        await UserStories.CreateUserAsync(a, email);

        // Act: asked through A (either instance may resolve and send it), completed on B
        using (var client = a.CreateBrowser())
        {
            await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        }

        var link = Mailbox.LinkIn((await smtp4dev.WaitForAsync(email)).Html, "reset-link");
        var page = await NewPasswordPage.OpenFromLinkAsync(b.CreateBrowser(), link);
        await page.ChangePasswordAsync(UserStories.NewPassword);

        // Assert
        Assert.True(await UserStories.CanSignInAsync(a, email, UserStories.NewPassword));
        Assert.True(await UserStories.CanSignInAsync(b, email, UserStories.NewPassword));
        Assert.NotEqual(0, await a.QueryAsync(db => db.DataProtectionKeys.CountAsync()));
        Assert.False(Directory.Exists(Path.Combine(a.DataDirectory, "keys")) && Directory.EnumerateFiles(Path.Combine(a.DataDirectory, "keys")).Any());
    }

    [Fact] // S6: the per-account limit is one limit, whichever instance takes the request and resolves it
    public async Task PerAccountLimit_HoldsAcrossBothInstances()
    {
        // Arrange
        var database = PostgreSqlServer.NewDatabaseSettings();
        await using var a = Instance.Start(database);
        await using var b = Instance.Start(database);
        var email = UserStories.UniqueEmail("limited");
        await UserStories.CreateUserAsync(a, email);

        // Act: eight requests at once, half through each instance
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var client = (i % 2 == 0 ? a : b).CreateBrowser();
            await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
        }));
        await a.WaitForResetRequestsProcessedAsync(TimeSpan.FromSeconds(30));
        await a.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(30));

        // Assert
        var sent = a.Mailbox.Matching(email, "Reset your").Count + b.Mailbox.Matching(email, "Reset your").Count;
        Assert.Equal(3, sent);
        Assert.Equal(3, await a.QueryAsync(db => db.ResetRequests.CountAsync(r => r.Outcome == ResetRequestOutcome.EmailQueued)));
        Assert.Equal(5, await a.QueryAsync(db => db.ResetRequests.CountAsync(r => r.Outcome == ResetRequestOutcome.Throttled)));
    }

    [Fact] // D4, S5: on one database and one Redis, POSTs alternating between A and B spend one per-IP budget
    public async Task ForgotPosts_AlternatingBetweenAAndB_AreRefusedAfterOneBudget()
    {
        // Arrange
        await using var redis = new RedisServer();
        await redis.StartAsync();
        var settings = new Dictionary<string, string?>(redis.Settings($"scale-{Guid.NewGuid():N}")) { ["RateLimiting:PermitLimit"] = "4" };
        var database = PostgreSqlServer.NewDatabaseSettings();
        await using var a = Instance.Start(database, settings);
        await using var b = Instance.Start(database, settings);
        var pages = new[] { await ForgotPage.VisitAsync(a.CreateBrowser()), await ForgotPage.VisitAsync(b.CreateBrowser()) };

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await pages[i % 2].PostAsync(UserStories.UniqueEmail("budget"));
            statuses.Add(response.StatusCode);
        }

        // Assert
        Assert.Equal([HttpStatusCode.Found, HttpStatusCode.Found, HttpStatusCode.Found, HttpStatusCode.Found, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(4, await a.QueryAsync(db => db.ResetRequests.CountAsync()));
    }

    [Fact] // F2, S6: a backlog seen by both processors at once is split between them and each request resolved once
    public async Task EachResetRequest_IsResolvedOnce_WithBothInstancesWorking()
    {
        // Arrange
        var database = PostgreSqlServer.NewDatabaseSettings();
        await using var a = Instance.Start(database);
        await using var b = Instance.Start(database);
        var emails = Enumerable.Range(0, 200).Select(i => UserStories.UniqueEmail($"backlog{i}")).ToList();
        await a.QueryAsync(async db =>
        {
            foreach (var email in emails) db.Users.Add(new IdentityUser(email) { Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString() });
            db.ResetRequests.AddRange(emails.Select(e => new ResetRequest { NormalizedEmail = e.ToUpperInvariant(), RequestedAt = DateTime.UtcNow }));
            return await db.SaveChangesAsync();
        });

        // Act
        a.Service<ResetRequestSignal>().Wake();
        b.Service<ResetRequestSignal>().Wake();
        await a.WaitForResetRequestsProcessedAsync(TimeSpan.FromSeconds(60));
        await a.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(60));

        // Assert
        Assert.All(emails, email => Assert.Single(a.Mailbox.Matching(email, "Reset your").Concat(b.Mailbox.Matching(email, "Reset your"))));
        Assert.Equal(200, await a.QueryAsync(db => db.ResetRequests.CountAsync(r => r.Outcome == ResetRequestOutcome.EmailQueued)));
        Assert.DoesNotContain(a.Logs.Lines.Concat(b.Logs.Lines), l => l.EventId.Name == "ResetBatchResolvedElsewhere");
    }

    [Fact] // E1: 500 queued messages with both instances sending over SMTP: smtp4dev receives each exactly once
    public async Task FiveHundredQueuedMessages_WithBothInstancesSending_AreEachDeliveredOnce()
    {
        // Arrange: a backlog both senders see at the same moment
        var smtp4dev = await Smtp4devServer.SharedAsync();
        var database = PostgreSqlServer.NewDatabaseSettings();
        await using var a = Instance.Start(database, smtp4dev.SmtpSettings);
        await using var b = Instance.Start(database, smtp4dev.SmtpSettings);
        var to = UserStories.UniqueEmail("bulk");
        await ScaleOutMail.QueueAsync(a, Enumerable.Range(0, 500).Select(i => ScaleOutMail.Message(to, $"Message {i:000}")));

        // Act
        a.Service<OutboxSignal>().Wake();
        b.Service<OutboxSignal>().Wake();
        await a.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(120));
        await smtp4dev.WaitForAsync(to, count: 500);

        // Assert: as counted by the server, and both instances took part
        var subjects = (await smtp4dev.SummariesAsync()).Where(s => s.IsTo(to)).Select(s => s.Subject).ToList();
        Assert.Equal(500, subjects.Count);
        Assert.Equal(500, subjects.Distinct().Count());
        Assert.Contains(a.Logs.Lines, l => l.EventId.Name == "EmailSent");
        Assert.Contains(b.Logs.Lines, l => l.EventId.Name == "EmailSent");
    }

    [Fact] // F2: reset requests claimed by an instance that died are resolved by another once the claim lapses, each once
    public async Task ResetRequestsClaimedByAnInstanceThatDied_AreResolvedOnceTheClaimLapses()
    {
        // Arrange: requests as a dead instance's claim leaves them, held until two minutes from now,
        // and one nobody holds
        var database = PostgreSqlServer.NewDatabaseSettings();
        await using var a = Instance.Start(database);
        var emails = Enumerable.Range(0, 5).Select(i => UserStories.UniqueEmail($"claimed{i}")).ToList();
        var free = UserStories.UniqueEmail("unclaimed");
        foreach (var email in emails.Append(free)) await UserStories.CreateUserAsync(a, email);
        await a.QueryAsync(db =>
        {
            var claim = Guid.NewGuid();
            db.ResetRequests.AddRange(emails.Select(e => new ResetRequest
            {
                NormalizedEmail = e.ToUpperInvariant(), RequestedAt = DateTime.UtcNow, ClaimId = claim, RetryAt = DateTime.UtcNow.AddMinutes(2),
            }));
            db.ResetRequests.Add(new ResetRequest { NormalizedEmail = free.ToUpperInvariant(), RequestedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });

        // Act 1: a live instance serves the free request and leaves the held ones alone
        a.Service<ResetRequestSignal>().Wake();
        await a.Mailbox.WaitForAsync(free, "Reset your");
        Assert.Equal(5, await a.QueryAsync(db => db.ResetRequests.CountAsync(r => r.ProcessedAt == null)));

        // Act 2: once it has lapsed (B's clock is past it), the requests are resolved
        await using var b = Instance.Start(database, clockAhead: TimeSpan.FromMinutes(3));
        b.Service<ResetRequestSignal>().Wake();
        await b.WaitForResetRequestsProcessedAsync(TimeSpan.FromSeconds(30));
        await b.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.All(emails, email => Assert.Single(b.Mailbox.Matching(email, "Reset your")));
        Assert.All(emails, email => Assert.Empty(a.Mailbox.To(email)));
    }
}
