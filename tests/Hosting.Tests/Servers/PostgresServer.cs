using System.Diagnostics;
using System.Globalization;
using Npgsql;
using OrleansGossip.Tests.Shared;
using Xunit;

namespace OrleansGossip.Hosting.Tests.Servers;

/// <summary>
/// A throw-away PostgreSQL cluster: <c>initdb</c> into a temporary folder, then <c>postgres</c> on a free loopback port
/// with trust authentication and no durability (tests only). PostgreSQL refuses to run as root, so as root both run
/// as the <c>postgres</c> user that Debian's package creates (through <c>runuser</c>), on a folder it owns.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly TempFolder _folder = new("hosting");
    private ServerProcess? _process;

    public int Port { get; private set; }

    /// <summary>The connection string of database <paramref name="database"/> (the default one when null).</summary>
    public string ConnectionString(string? database = null) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database ?? "postgres"};Pooling=true;Timeout=15";

    /// <summary>Creates an empty database of the test's own and answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public async ValueTask InitializeAsync()
    {
        var bin = BinDirectory();
        var data = Path.Combine(_folder.FullName, "data");
        var sockets = _folder.Sub("sockets");
        var runAs = ExecutableLookup.IsRoot ? "postgres" : null;
        if (runAs is not null)
        {
            await RunAsync("chown", ["-R", $"{runAs}:{runAs}", _folder.FullName]);
            await RunAsync("chmod", ["755", _folder.FullName]);
        }

        await RunAsync(Command(runAs, Path.Combine(bin, "initdb")).File, [.. Command(runAs, Path.Combine(bin, "initdb")).Prefix,
            "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);

        Port = FreePort.Next();
        var (file, prefix) = Command(runAs, Path.Combine(bin, "postgres"));
        _process = ServerProcess.Start("postgres", file, [.. prefix,
            "-D", data, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", sockets,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=200"]);
        await _process.WaitForPortAsync(Port, TimeSpan.FromSeconds(60));
        await WaitForQueriesAsync();
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        _process?.Dispose();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The binaries of the newest PostgreSQL installed (Debian keeps them off the PATH).</summary>
    private static string BinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => d.Version > 0 && File.Exists(Path.Combine(d.Dir, "bin", "postgres")))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin"))
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException($"PostgreSQL is not installed under {root}: ./test.sh installs it (package postgresql)");
    }

    private static (string File, string[] Prefix) Command(string? runAs, string program) =>
        runAs is null ? (program, []) : (ExecutableLookup.Find("runuser", "util-linux", "/usr/sbin", "/sbin"), ["-u", runAs, "--", program]);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"'{file}' did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' failed with code {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private async Task WaitForQueriesAsync()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString());
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                // Accepting connections before it is ready ("the database system is starting up").
                await Task.Delay(200);
            }
        }
    }
}
