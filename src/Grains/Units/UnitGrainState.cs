using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Grains.Units;

/// <summary>A unit's persisted state: what it is, who works there, and its case index.</summary>
[GenerateSerializer, Alias("casegrid.UnitGrainState")]
public sealed class UnitGrainState
{
    /// <summary>The unit's name; null until defined.</summary>
    [Id(0)]
    public string? Name { get; set; }

    /// <summary>The kind of unit.</summary>
    [Id(1)]
    public Agency Agency { get; set; }

    /// <summary>Staff by user id.</summary>
    [Id(2)]
    public Dictionary<string, UnitStaff> Staff { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The case index by case id.</summary>
    [Id(3)]
    public Dictionary<string, UnitCaseEntry> Cases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last case version seen per case, also for cases dropped from the index.</summary>
    [Id(4)]
    public Dictionary<string, long> SeenVersions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The board's version: it grows with every change pushed to watchers (see <see cref="UnitGrain"/>).</summary>
    [Id(5)]
    public long BoardVersion { get; set; }
}
