using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using RazorReset.Tests.Infrastructure;
using RazorReset.Tests.PageObjects;

namespace RazorReset.Tests.Email;

public sealed class CrashRecoveryTests
{
    [Fact] // E1, D3: kill -9 mid-send, restart at once: the claimed email arrives within the minute, once
    public async Task AnInstanceKilledWhileSending_SendsWhatItHadClaimed_WithinAMinuteOfComingBack()
    {
        // Arrange: an SMTP server that accepts the connection and never answers, so the send hangs
        var smtp4dev = await Smtp4devServer.SharedAsync();
        var data = Directory.CreateTempSubdirectory("razorreset-crash-").FullName;
        var email = UserStories.UniqueEmail("crash");
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var connected = silent.AcceptTcpClientAsync();
        var shared = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(data, "app.db")}",
            ["DataProtection:KeysPath"] = Path.Combine(data, "keys"),
            ["DemoAccount:Email"] = email,
            ["RateLimiting:PermitLimit"] = "1000",
        };
        var first = await AppProcess.StartAsync(new Dictionary<string, string?>(shared)
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:ConnectTimeout"] = "00:05:00",
        });

        try
        {
            using (var client = first.CreateBrowser())
            {
                await (await ForgotPage.VisitAsync(client)).SendForgotPasswordAsync(email);
            }

            using var hanging = await connected.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(1L, ClaimedMessages(data));

            // Act: kill -9, and start again at once, now with a working server
            await first.KillAsync();
            await using var second = await AppProcess.StartAsync(new Dictionary<string, string?>(shared)
            {
                ["Email:Transport"] = "Smtp",
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = smtp4dev.SmtpPort.ToString(CultureInfo.InvariantCulture),
                ["Email:Smtp:Security"] = "None",
            });
            var back = Stopwatch.StartNew();
            await smtp4dev.WaitForAsync(email, timeout: TimeSpan.FromSeconds(90));

            // Assert
            Assert.True(back.Elapsed < TimeSpan.FromMinutes(1), $"Sent {back.Elapsed} after the restart.");
            Assert.Single(await smtp4dev.MessagesToAsync(email));
        }
        finally
        {
            await first.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static long ClaimedMessages(string data)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "app.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM OutboxMessages WHERE LeaseId IS NOT NULL";
        return (long)command.ExecuteScalar()!;
    }
}
