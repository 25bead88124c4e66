using System.Globalization;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace RazorReset.LoadBench;

/// <summary>
/// An app's own database, opened beside it: seeding accounts as an import would, and reading how
/// much background work RazorReset still has. SQLite files (WAL lets a second connection in) or a
/// PostgreSQL database.
/// </summary>
public abstract class Database
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(2);

    public static Database Sqlite(string path) => new SqliteDatabase(path);

    public static Database PostgreSql(string connectionString) => new PostgreSqlDatabase(connectionString);

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    protected abstract string Quote(string name);

    protected abstract object SqlBoolean(bool value);

    /// <summary>
    /// Accounts straight into Identity's user table (confirmed, or not for the resend-confirmation
    /// pairs): registering thousands through the UI would only benchmark password hashing. Every
    /// account gets the same real password hash (the default iteration count), so signing in with a
    /// wrong password costs what it costs in production.
    /// </summary>
    public async Task SeedUsersAsync(IEnumerable<string> emails, string passwordHash, bool confirmed, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        string[] columns = ["Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash",
            "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount"];
        insert.CommandText = $"INSERT INTO {Quote("AspNetUsers")} ({string.Join(", ", columns.Select(Quote))}) " +
                             $"VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
        var parameters = columns.ToDictionary(c => c, c =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = "@" + c;
            insert.Parameters.Add(parameter);
            return parameter;
        });
        parameters["EmailConfirmed"].Value = SqlBoolean(confirmed);
        parameters["PasswordHash"].Value = passwordHash;
        parameters["PhoneNumberConfirmed"].Value = SqlBoolean(false);
        parameters["TwoFactorEnabled"].Value = SqlBoolean(false);
        parameters["LockoutEnabled"].Value = SqlBoolean(true);
        parameters["AccessFailedCount"].Value = 0;

        foreach (var address in emails)
        {
            parameters["Id"].Value = Guid.NewGuid().ToString();
            parameters["UserName"].Value = address;
            parameters["NormalizedUserName"].Value = address.ToUpperInvariant();
            parameters["Email"].Value = address;
            parameters["NormalizedEmail"].Value = address.ToUpperInvariant();
            parameters["SecurityStamp"].Value = Guid.NewGuid().ToString("N").ToUpperInvariant();
            parameters["ConcurrencyStamp"].Value = Guid.NewGuid().ToString();
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>RazorReset's background work still to do: unresolved reset and account requests, and undelivered mail.</summary>
    public async Task<long> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText =
            $"SELECT (SELECT COUNT(*) FROM {Quote("ResetRequests")} WHERE {Quote("ProcessedAt")} IS NULL) " +
            $"+ (SELECT COUNT(*) FROM {Quote("AccountRequests")} WHERE {Quote("ProcessedAt")} IS NULL) " +
            $"+ (SELECT COUNT(*) FROM {Quote("OutboxMessages")} WHERE {Quote("Status")} = 0)";
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken) ?? 0L, CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until RazorReset has no background work left, looking every <paramref name="poll"/> (50 ms by default); returns how long that took.</summary>
    public async Task<TimeSpan> WaitForEmptyBacklogAsync(CancellationToken cancellationToken, TimeSpan? poll = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await BacklogAsync(cancellationToken) > 0)
        {
            if (clock.Elapsed > DrainLimit) throw new TimeoutException($"RazorReset's backlog did not drain within {DrainLimit}.");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        return clock.Elapsed;
    }

    private sealed class SqliteDatabase(string path) : Database
    {
        protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
            await connection.OpenAsync(cancellationToken);
            return connection;
        }

        protected override string Quote(string name) => name;

        protected override object SqlBoolean(bool value) => value ? 1 : 0;
    }

    private sealed class PostgreSqlDatabase(string connectionString) : Database
    {
        protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return connection;
        }

        protected override string Quote(string name) => $"\"{name}\"";

        protected override object SqlBoolean(bool value) => value;
    }
}
