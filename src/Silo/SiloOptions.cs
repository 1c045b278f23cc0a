using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Silo;

/// <summary>How this process runs: the address it advertises to the cluster, and whether it also serves the API.</summary>
public sealed class SiloOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Silo";

    /// <summary>The address other silos and clients reach this silo on.</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Serve the REST API in this process too (the one-machine default).</summary>
    public bool HostApi { get; set; } = true;

    /// <summary>Load the demo data at start (idempotent), through the REST API.</summary>
    public bool SeedDemo { get; set; }

    /// <summary>
    /// The API the demo is loaded through when this process serves none (a pure silo of a scale-out cluster); by
    /// default the process's own API.
    /// </summary>
    [Url]
    public string? DemoApiUrl { get; set; }
}
