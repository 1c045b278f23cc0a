using System.Globalization;

namespace CaseGrid.Harness;

/// <summary>
/// Starts CaseGrid's real processes from their build output, as deploy/cluster.sh does: the silo host (silo + API on
/// Kestrel) or, for a cluster, pure silos and separate API hosts, all on the benchmark's PostgreSQL, each in an Orleans
/// cluster of its own per run.
/// </summary>
internal sealed class CaseGridHosts(HarnessOptions options, string run)
{
    private int _clusters;

    /// <summary>One process hosting the silo and the API: CaseGrid's one-machine deployment.</summary>
    public ServerProcess SiloHost(string name, int slot)
    {
        var cluster = NewClusterId();
        return Silo(name, slot, cluster, hostApi: true);
    }

    /// <summary>Two pure silos and two API hosts in one cluster (deploy/cluster.sh's layout).</summary>
    public (ServerProcess[] Silos, ServerProcess[] Apis) Cluster(int firstSlot)
    {
        var cluster = NewClusterId();
        var silos = new[] { Silo("silo1", firstSlot, cluster, hostApi: false), Silo("silo2", firstSlot + 1, cluster, hostApi: false) };
        var apis = new[] { Api("api1", firstSlot + 2, cluster), Api("api2", firstSlot + 3, cluster) };
        return (silos, apis);
    }

    public string Url(int slot) => $"http://127.0.0.1:{options.HttpBase + slot}";

    /// <summary>
    /// deploy/cluster.sh's layout with every process in a network namespace of its own (deploy/faults.sh made them):
    /// <paramref name="place"/> gives a process's namespace and address; every process uses the same ports there.
    /// </summary>
    public (ServerProcess[] Silos, ServerProcess[] Apis, string Cluster) NamespacedCluster(Func<string, Placement> place)
    {
        ArgumentNullException.ThrowIfNull(place);
        var cluster = NewClusterId();
        return ([Namespaced("silo1", place("silo1"), cluster), Namespaced("silo2", place("silo2"), cluster)],
            [Namespaced("api1", place("api1"), cluster), Namespaced("api2", place("api2"), cluster)], cluster);
    }

    /// <summary>One process of a namespaced cluster (silo1, silo2, api1, api2), from <paramref name="buildDir"/> (a silo's or an API host's build output) when given.</summary>
    public ServerProcess Namespaced(string node, Placement place, string cluster, string? buildDir = null) =>
        node.StartsWith("silo", StringComparison.Ordinal)
            ? Silo(node, 0, cluster, hostApi: false, place, buildDir)
            : Api(node, 0, cluster, place, buildDir);

    /// <summary>Where a process runs: its network namespace and its address in it.</summary>
    public sealed record Placement(string Namespace, string Address)
    {
        public const int HttpPort = 8080;
        public const int SiloPort = 11111;
        public const int GatewayPort = 30000;

        public string Url => $"http://{Address}:{HttpPort}";
    }

    private string NewClusterId() => $"bench-{run}-{Interlocked.Increment(ref _clusters)}";

    private ServerProcess Silo(string name, int slot, string cluster, bool hostApi, Placement? place = null, string? buildDir = null)
    {
        var env = Common(cluster);
        env["CaseGrid__Cluster__SiloPort"] = (place is null ? options.SiloPortBase + slot : Placement.SiloPort).ToString(CultureInfo.InvariantCulture);
        env["CaseGrid__Cluster__GatewayPort"] = (place is null ? options.GatewayPortBase + slot : Placement.GatewayPort).ToString(CultureInfo.InvariantCulture);
        env["CaseGrid__Silo__AdvertisedAddress"] = place?.Address ?? "127.0.0.1";
        env["CaseGrid__Silo__HostApi"] = hostApi ? "true" : "false";
        env["CaseGrid__Silo__SeedDemo"] = "false";
        env["ConnectionStrings__migrations"] = options.MigrationConnection;
        AddCertificate(env, "silo");
        var url = place?.Url ?? Url(slot);
        var (program, arguments) = Command(place, "CaseGrid.Silo.dll", url);
        return new ServerProcess(name, buildDir ?? options.SiloDir, program, arguments, env,
            Path.Combine(options.OutDir, "logs", $"{name}.log"), url + (hostApi ? "/health/ready" : "/health/live"));
    }

    private ServerProcess Api(string name, int slot, string cluster, Placement? place = null, string? buildDir = null)
    {
        var env = Common(cluster);
        AddCertificate(env, "api");
        var url = place?.Url ?? Url(slot);
        var (program, arguments) = Command(place, "CaseGrid.Api.dll", url);
        return new(name, buildDir ?? options.ApiDir, program, arguments, env, Path.Combine(options.OutDir, "logs", $"{name}.log"), url + "/health/ready");
    }

    /// <summary><c>dotnet DLL --urls URL</c>, inside the placement's namespace when there is one (<c>ip netns exec</c> execs it: the pid is the server's).</summary>
    private static (string Program, string[] Arguments) Command(Placement? place, string dll, string url) =>
        place is null ? ("dotnet", [dll, "--urls", url]) : ("ip", ["netns", "exec", place.Namespace, "dotnet", dll, "--urls", url]);

    /// <summary>The role's certificate from deploy/certs.sh: silos and API hosts speak mutual TLS, as in production.</summary>
    private void AddCertificate(Dictionary<string, string> env, string role)
    {
        env["CaseGrid__Cluster__Tls__CertificatePath"] = Path.Combine(options.PkiDir, $"{role}.pem");
        env["CaseGrid__Cluster__Tls__KeyPath"] = Path.Combine(options.PkiDir, $"{role}.key");
        env["CaseGrid__Cluster__Tls__CaPath"] = Path.Combine(options.PkiDir, "ca.pem");
    }

    private Dictionary<string, string> Common(string cluster)
    {
        var env = CommonSettings(cluster);
        if (options.AzureConnection is { } azure)
        {
            env["CaseGrid__Storage__Provider"] = "AzureStorage";
            env["CaseGrid__Storage__Azure__ConnectionString"] = azure;
            // Tables and containers of this run alone.
            env["CaseGrid__Storage__Azure__Prefix"] = $"b{run}";
        }

        return env;
    }

    private Dictionary<string, string> CommonSettings(string cluster) => new()
    {
        // The development issuer, which the harness takes its tokens from, exists only in Development.
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__casegrid"] = options.Connection,
        ["CaseGrid__Secrets__MasterKeyFile"] = Path.Combine(options.PkiDir, "master.key"),
        ["CaseGrid__Cluster__ClusterId"] = cluster,
        ["CaseGrid__Cluster__ServiceId"] = $"bench-{run}",
        ["CaseGrid__Auth__DevIssuerEnabled"] = "true",
        // One key for every process of the run, so a token from one API host works on the other.
        ["CaseGrid__Auth__DevSigningKeyFile"] = Path.Combine(options.OutDir, "dev-signing.key"),
        // The harness is one caller making thousands of set-up requests; the per-caller limit is for partners.
        ["CaseGrid__RateLimits__PermitsPerWindow"] = "1000000",
        // The caps on what one case holds are for real cases: the cost curve's group of 1,000 members and the thousands
        // of goals a sustained run adds to one case go past them, and a refused edit would measure nothing.
        ["CaseGrid__Limits__Members"] = "2000",
        ["CaseGrid__Limits__Goals"] = "100000",
        ["Logging__LogLevel__Default"] = "Warning",
        // As in production, where the Orleans dashboard runs only where it is configured: the hosts run as Development
        // for the development issuer alone, and the dashboard's sampling every second is no part of what is measured.
        ["CaseGrid__Dashboard__Enabled"] = "false",
    };
}
