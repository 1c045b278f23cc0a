using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Grains.Cases;

/// <summary>When case snapshots are taken (section <c>CaseGrid:Snapshots</c>).</summary>
public sealed class CaseSnapshotOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Snapshots";

    /// <summary>
    /// A snapshot is taken once a case is this many events past its last one: after an append, or when an activation
    /// had to fold as many. (And on deactivation, when the activation wrote events since the last one.)
    /// </summary>
    [Range(1, 1_000_000)]
    public int Every { get; set; } = 100;
}
