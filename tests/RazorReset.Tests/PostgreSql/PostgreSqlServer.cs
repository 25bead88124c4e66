using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RazorReset.Tests.PostgreSql;

/// <summary>
/// A throwaway PostgreSQL cluster (the Debian server tests/run installs) on 127.0.0.1 and a free
/// port, started once for the test run and deleted when it ends. Every host fixture gets a
/// database of its own, so tests never see each other's rows. fsync is off: nothing here has to
/// survive a power cut.
/// </summary>
public sealed class PostgreSqlServer
{
    private static readonly Lazy<Task<PostgreSqlServer>> Instance = new(StartAsync);

    private readonly string _bin;
    private readonly string _directory;
    private readonly int _port;

    private PostgreSqlServer(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        _port = port;
    }

    public static Task<PostgreSqlServer> SharedAsync() => Instance.Value;

    /// <summary>Settings that put a host on a new, empty database of this server.</summary>
    public static IDictionary<string, string?> NewDatabaseSettings()
    {
        var server = SharedAsync().GetAwaiter().GetResult();
        var name = $"razorreset_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }

        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Default"] = server.ConnectionString(name),
        };
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Database = database, Username = "postgres", MaxPoolSize = 20 }.ToString();

    private static async Task<PostgreSqlServer> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed under /usr/lib/postgresql: run tests/run (it installs the Debian package).");
        var directory = Directory.CreateTempSubdirectory("razorreset-pg-").FullName;
        var port = FreePort();
        var server = new PostgreSqlServer(bin, directory, port);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "-R", "postgres:postgres", directory);
        }

        await RunAsPostgresAsync(Path.Combine(bin, "initdb"), "-D", server.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", server.Data, "-w", "-l", Path.Combine(directory, "log"), "-o",
            $"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
            "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private string Data => Path.Combine(_directory, "data");

    /// <summary>Everything the database holds, as pg_dump writes it: tables, rows, sequences.</summary>
    public static async Task<string> DumpAsync(string connectionString)
    {
        var server = await SharedAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var start = new ProcessStartInfo(Path.Combine(server._bin, "pg_dump"))
        {
            ArgumentList = { "-h", "127.0.0.1", "-p", server._port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "--inserts", database },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pg_dump did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pg_dump failed: {await error}");
        return await output;
    }

    private void Stop()
    {
        RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-m", "immediate", "stop").GetAwaiter().GetResult();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders.
        }
    }

    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
