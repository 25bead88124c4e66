using System.Diagnostics;
using Npgsql;

namespace RazorReset.LoadBench;

/// <summary>
/// A throwaway PostgreSQL cluster for the PostgreSQL rows: initdb in the run's folder, 127.0.0.1 on a
/// free port, stopped and deleted when the run ends. Unlike the test suite's cluster it keeps fsync
/// and synchronous commit on, so a POST that waits for its commit waits for the disk, as in production.
/// </summary>
public sealed class PostgreSqlCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private PostgreSqlCluster(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Version { get; private set; } = "";

    private string Data => Path.Combine(_directory, "data");

    public string ConnectionString(string database, int maxPoolSize = 100) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Database = database, Username = "postgres", MaxPoolSize = maxPoolSize,
    }.ToString();

    public static async Task<PostgreSqlCluster> StartAsync(string directory, CancellationToken cancellationToken)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL is not installed under /usr/lib/postgresql (tests/bench/run installs it).");

        Directory.CreateDirectory(directory);
        // The server runs as postgres, which must be able to pass through the run's private folder.
        var parent = Path.GetDirectoryName(directory)!;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(parent, File.GetUnixFileMode(parent) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        var cluster = new PostgreSqlCluster(bin, directory, Loopback.FreePort());
        if (Environment.UserName == "root") await RunAsync("chown", ["-R", "postgres:postgres", directory], cancellationToken);
        await cluster.RunAsPostgresAsync("initdb", ["-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], cancellationToken);
        await cluster.RunAsPostgresAsync("pg_ctl", [
            "-D", cluster.Data, "-w", "-l", Path.Combine(directory, "log"), "-o",
            $"-c listen_addresses=127.0.0.1 -p {cluster.Port} -k {directory} -c max_connections=300", "start"], cancellationToken);

        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        cluster.Version = connection.PostgreSqlVersion.ToString();
        return cluster;
    }

    /// <summary>An empty database of that name, dropping the one there was (P3 starts an app on a new database three times).</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        foreach (var statement in new[] { $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\"" })
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private Task RunAsPostgresAsync(string program, string[] arguments, CancellationToken cancellationToken) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments], cancellationToken)
            : RunAsync(Path.Combine(_bin, program), arguments, cancellationToken);

    private static async Task RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the folder goes with the run's.
        }
    }
}
