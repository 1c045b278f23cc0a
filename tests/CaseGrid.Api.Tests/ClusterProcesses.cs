using System.Diagnostics;

namespace CaseGrid.Api.Tests;

/// <summary>
/// The scale-out topology as separate processes: <c>deploy/cluster.sh</c> starts 2 silos and 2 API hosts on one
/// private PostgreSQL; this fixture starts it, can kill and restart a silo, and stops it all at the end. The test
/// classes that use it share one cluster and run one after another.
/// </summary>
public sealed class ClusterProcesses : IAsyncLifetime
{
    /// <summary>The collection of the test classes that share the cluster.</summary>
    public const string Collection = "CaseGrid cluster processes";

    private readonly string _repo = FindRepo();
    private readonly string _dir;

    public ClusterProcesses() => _dir = Path.Combine(_repo, ".local", "cluster-tests");

    public Uri Api1 { get; private set; } = null!;

    public Uri Api2 { get; private set; } = null!;

    /// <summary>The cluster's PostgreSQL (Npgsql connection string): where the event log can be read directly.</summary>
    public string Postgres { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await RunAsync("start");
        var endpoints = (await File.ReadAllLinesAsync(Path.Combine(_dir, "endpoints.env")))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''));
        Api1 = new Uri(endpoints["API1"] + "/");
        Api2 = new Uri(endpoints["API2"] + "/");
        Postgres = endpoints["PG"];
    }

    public Task KillSiloAsync(int n) => RunAsync($"kill-silo {n}");

    /// <summary>Start silo <paramref name="n"/> again and wait until it is up.</summary>
    public Task StartSiloAsync(int n) => RunAsync($"start-silo {n}");

    /// <summary>Start silo <paramref name="n"/> and return at once, while it is still starting.</summary>
    public Task LaunchSiloAsync(int n) => RunAsync($"launch-silo {n}");

    /// <summary>Start whatever an earlier test left stopped (a killed silo), from the binaries already in place.</summary>
    public Task EnsureRunningAsync() => RunAsync("start");

    public Task DisposeAsync() => RunAsync("stop");

    private async Task RunAsync(string arguments)
    {
        var start = new ProcessStartInfo("bash", $"deploy/cluster.sh {arguments}")
        {
            WorkingDirectory = _repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CASEGRID_CLUSTER_DIR"] = _dir;

        // The processes take this environment. The drills send a few hundred edits a second as a handful of users, far
        // beyond one person's share of requests (CaseGrid:RateLimits), which would refuse their writes and rejoins.
        start.Environment["CaseGrid__RateLimits__PermitsPerWindow"] = "1000000";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/cluster.sh {arguments} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CaseGrid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with CaseGrid.sln) was not found above the test binaries.");
    }
}
