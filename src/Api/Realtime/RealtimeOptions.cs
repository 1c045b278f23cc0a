using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Api.Realtime;

/// <summary>Settings of the live connection.</summary>
public sealed class RealtimeOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Realtime";

    /// <summary>
    /// How often this host renews its subscriptions with the grains its clients watch. Grains forget a host after two
    /// minutes of silence; after a silo failure a reactivated grain hears from the host again within this interval.
    /// </summary>
    [Range(1, 60)]
    public int RenewSeconds { get; set; } = 10;
}
