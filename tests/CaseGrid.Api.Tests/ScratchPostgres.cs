using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CaseGrid.Api.Tests;

// CaseGrid runs and is tested on Linux (file modes keep the keys to their owner).
#pragma warning disable CA1416

/// <summary>
/// A PostgreSQL instance of its own, made by <c>deploy/pg.sh</c> in a fresh data folder on a free port — what a restore
/// or an upgrade lands on — and removed again. Databases are made on demand, owned by the migration role as
/// <c>deploy/pg.sh</c> makes them; backups and restores go through <c>deploy/pg.sh backup</c> and <c>restore</c>.
/// </summary>
public sealed class ScratchPostgres : IAsyncDisposable
{
    private readonly string _folder;
    private readonly int _port;
    private readonly int _epoch;

    private ScratchPostgres(string folder, int port, int epoch)
    {
        _folder = folder;
        _port = port;
        _epoch = epoch;
    }

    /// <summary>
    /// Start a new instance; <paramref name="epoch"/> moves its transaction ids that many times 2^32 on (as those of a
    /// database that has run for years), so what is restored elsewhere meets smaller ones.
    /// </summary>
    public static async Task<ScratchPostgres> StartAsync(int epoch = 0)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"casegrid-scratch-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);

        // The server runs as a service user when the tests run as root: it must be able to enter the folder.
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var instance = new ScratchPostgres(folder, FreePort(), epoch);
        await instance.PgAsync("casegrid", "start");
        return instance;
    }

    /// <summary>The connection string of <paramref name="database"/> as the application role, or as the migration role.</summary>
    public async Task<string> UrlAsync(string database, bool migration = false) =>
        (await PgAsync(database, "url", migration ? "migration" : "app")).Trim();

    /// <summary>Make <paramref name="database"/> (empty, owned by the migration role) when it does not exist.</summary>
    public Task CreateDatabaseAsync(string database) => PgAsync(database, "start");

    /// <summary><c>deploy/pg.sh backup</c> of <paramref name="database"/> to <paramref name="file"/>.</summary>
    public Task BackupAsync(string database, string file) => PgAsync(database, "backup", file);

    /// <summary><c>deploy/pg.sh restore</c> of <paramref name="file"/> into <paramref name="database"/>.</summary>
    public Task RestoreAsync(string database, string file) => PgAsync(database, "restore", file);

    /// <summary>Run <c>deploy/pg.sh</c> on this instance and <paramref name="database"/>; its standard output.</summary>
    public async Task<string> PgAsync(string database, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = CaseGrid.Tests.TestSecrets.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("deploy/pg.sh");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CASEGRID_PGDATA"] = Path.Combine(_folder, "pgdata");
        start.Environment["CASEGRID_PGPORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CASEGRID_PGDB"] = database;
        start.Environment["CASEGRID_PGEPOCH"] = _epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("CASEGRID_PGNAME");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/pg.sh {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }

        return await output;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("casegrid", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
