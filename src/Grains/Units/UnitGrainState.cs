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

    /// <summary>By staff member: the cases in which they hold a responsibility as a member for this unit.</summary>
    [Id(5)]
    public Dictionary<string, HashSet<string>> Holdings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>By case: the case version of the last holdings list applied.</summary>
    [Id(6)]
    public Dictionary<string, long> HoldingVersions { get; set; } = new(StringComparer.Ordinal);
}
