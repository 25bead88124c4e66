using System.Data.Common;

namespace RazorReset.Tests.Infrastructure;

/// <summary>
/// A command as the database received it, with its parameters' names and types but not their
/// values: two requests that differ only in the address they carry run equal commands.
/// </summary>
public sealed record CapturedCommand(string Text, string Parameters)
{
    public static CapturedCommand From(DbCommand command) => new(
        command.CommandText.Trim(),
        string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => $"{p.ParameterName}:{p.DbType}")));

    public bool Touches(string table) => Text.Contains(table, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Text} [{Parameters}]";
}
