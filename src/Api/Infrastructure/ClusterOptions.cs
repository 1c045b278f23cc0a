using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Api.Infrastructure;

/// <summary>Which Orleans cluster a CaseGrid process belongs to, and where it listens.</summary>
public sealed class CaseGridClusterOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Cluster";

    /// <summary>The cluster id shared by every silo and client of one deployment.</summary>
    [Required]
    public string ClusterId { get; set; } = "casegrid";

    /// <summary>The service id; grain state is keyed by it, so it never changes for a deployment.</summary>
    [Required]
    public string ServiceId { get; set; } = "casegrid";

    /// <summary>The silo-to-silo port.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients (API hosts) connect to.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// How long a grain call waits for its answer. A call in flight to a silo that dies gets none and waits this long
    /// (then its outcome is unknown, and the caller's retry with the same command id reaches the grain's new
    /// activation, which applies it at most once); every CaseGrid call answers in milliseconds, so the default is a
    /// sixth of Orleans' 30 s.
    /// </summary>
    [Range(1, 300)]
    public int ResponseTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// The initial timeout of a silo's liveness probe of another silo, and the period between probes; Orleans adapts
    /// it to the response times it sees, between half and four times this. A silo that misses
    /// <see cref="MissedProbesLimit"/> probes in a row is declared dead (with one vote, or two when more silos
    /// watch it), so a killed silo is detected in about two to three seconds rather than Orleans' ten to fifteen.
    /// </summary>
    [Range(100, 60_000)]
    public int ProbeTimeoutMilliseconds { get; set; } = 1000;

    /// <summary>Missed probes in a row that make a silo suspect a silo dead.</summary>
    [Range(1, 10)]
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>How often silos read the membership table besides the gossip that tells them of changes at once.</summary>
    [Range(1, 600)]
    public int MembershipRefreshSeconds { get; set; } = 10;

    /// <summary>
    /// How many grains' addresses each silo keeps in its grain directory cache (the grains its calls have looked up).
    /// Orleans' default, a million, is allocated in full when the silo starts (two dictionaries of 9 MB each, whether
    /// the cluster has one silo or ten); an address not in the cache costs one call to the directory, after which it
    /// is cached again.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>How often an API host reads the list of gateways: a silo that starts is used within this time.</summary>
    [Range(1, 600)]
    public int GatewayListRefreshSeconds { get; set; } = 5;
}
