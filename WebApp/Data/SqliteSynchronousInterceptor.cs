using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RazorReset.Data;

/// <summary>
/// <c>synchronous</c> is a per-connection setting in SQLite, so every connection the app opens gets
/// the configured one, stated rather than left to how the native library was compiled.
/// </summary>
public sealed class SqliteSynchronousInterceptor(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private readonly string _pragma = Pragma(synchronous);

    internal static string Pragma(SqliteSynchronous synchronous) =>
        $"PRAGMA synchronous = {(synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
