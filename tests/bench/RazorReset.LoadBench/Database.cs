using Microsoft.Data.Sqlite;

namespace RazorReset.LoadBench;

/// <summary>The apps' own SQLite files, opened beside them (WAL lets a second connection in).</summary>
public static class Database
{
    /// <summary>
    /// Adds confirmed accounts straight into Identity's user table, as an import would: registering
    /// thousands through the UI would only benchmark password hashing. No password hash is stored;
    /// the reset flow needs none, only an address and a security stamp.
    /// </summary>
    public static async Task SeedUsersAsync(string path, IEnumerable<string> emails, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(path, cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed,
                SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
            VALUES ($id, $email, $normalized, $email, $normalized, 1, $stamp, $concurrency, 0, 0, 1, 0)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var email = insert.Parameters.Add("$email", SqliteType.Text);
        var normalized = insert.Parameters.Add("$normalized", SqliteType.Text);
        var stamp = insert.Parameters.Add("$stamp", SqliteType.Text);
        var concurrency = insert.Parameters.Add("$concurrency", SqliteType.Text);

        foreach (var address in emails)
        {
            id.Value = Guid.NewGuid().ToString();
            email.Value = address;
            normalized.Value = address.ToUpperInvariant();
            stamp.Value = Guid.NewGuid().ToString("N").ToUpperInvariant();
            concurrency.Value = Guid.NewGuid().ToString();
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>RazorReset's background work still to do: unresolved reset requests and undelivered mail.</summary>
    public static async Task<long> BacklogAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(path, cancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText = """
            SELECT (SELECT COUNT(*) FROM ResetRequests WHERE ProcessedAt IS NULL)
                 + (SELECT COUNT(*) FROM OutboxMessages WHERE Status = 0)
            """;
        return (long)(await count.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    /// <summary>Waits until RazorReset has no background work left; returns how long that took.</summary>
    public static async Task<TimeSpan> WaitForEmptyBacklogAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await BacklogAsync(path, cancellationToken) > 0)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"RazorReset's backlog did not drain within {timeout}.");
            await Task.Delay(50, cancellationToken);
        }

        return clock.Elapsed;
    }

    private static async Task<SqliteConnection> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
