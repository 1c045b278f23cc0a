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

    private string NewClusterId() => $"bench-{run}-{Interlocked.Increment(ref _clusters)}";

    private ServerProcess Silo(string name, int slot, string cluster, bool hostApi)
    {
        var env = Common(cluster);
        env["CaseGrid__Cluster__SiloPort"] = (options.SiloPortBase + slot).ToString(CultureInfo.InvariantCulture);
        env["CaseGrid__Cluster__GatewayPort"] = (options.GatewayPortBase + slot).ToString(CultureInfo.InvariantCulture);
        env["CaseGrid__Silo__AdvertisedAddress"] = "127.0.0.1";
        env["CaseGrid__Silo__HostApi"] = hostApi ? "true" : "false";
        env["CaseGrid__Silo__SeedDemo"] = "false";
        env["ConnectionStrings__migrations"] = options.MigrationConnection;
        AddCertificate(env, "silo");
        return new ServerProcess(name, options.SiloDir, "dotnet", ["CaseGrid.Silo.dll", "--urls", Url(slot)], env,
            Path.Combine(options.OutDir, "logs", $"{name}.log"), Url(slot) + (hostApi ? "/health/ready" : "/health/live"));
    }

    private ServerProcess Api(string name, int slot, string cluster)
    {
        var env = Common(cluster);
        AddCertificate(env, "api");
        return new(name, options.ApiDir, "dotnet", ["CaseGrid.Api.dll", "--urls", Url(slot)], env,
            Path.Combine(options.OutDir, "logs", $"{name}.log"), Url(slot) + "/health/ready");
    }

    /// <summary>The role's certificate from deploy/certs.sh: silos and API hosts speak mutual TLS, as in production.</summary>
    private void AddCertificate(Dictionary<string, string> env, string role)
    {
        env["CaseGrid__Cluster__Tls__CertificatePath"] = Path.Combine(options.PkiDir, $"{role}.pem");
        env["CaseGrid__Cluster__Tls__KeyPath"] = Path.Combine(options.PkiDir, $"{role}.key");
        env["CaseGrid__Cluster__Tls__CaPath"] = Path.Combine(options.PkiDir, "ca.pem");
    }

    private Dictionary<string, string> Common(string cluster) => new()
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
        ["Logging__LogLevel__Default"] = "Warning",
    };
}
