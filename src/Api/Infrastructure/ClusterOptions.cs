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
    /// How long a grain call waits for its answer. A call in flight to a silo that dies gets none and waits this
    /// long before the caller's retry reaches the grain's new activation; every CaseGrid call answers in milliseconds,
    /// so the default is a third of Orleans' 30 s.
    /// </summary>
    [Range(1, 300)]
    public int ResponseTimeoutSeconds { get; set; } = 10;
}
