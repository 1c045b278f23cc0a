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
}
