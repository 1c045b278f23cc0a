using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Units;
using CaseGrid.Contracts.Work;

namespace CaseGrid.Grains.Units;

/// <summary>A unit's persisted state: what it is, who works there, its case index and the work its cases have for it.</summary>
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

    /// <summary>
    /// Take a case's line into the index: false, changing nothing, when it is older than the one held or exactly the line
    /// held (a case tells its line again on every activation) — then the board has no news to push or store.
    /// </summary>
    public bool Take(UnitCaseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var known = SeenVersions.TryGetValue(update.CaseId, out var seen);
        if (update.CaseVersion < seen || (known && update.CaseVersion == seen && Equals(Cases.GetValueOrDefault(update.CaseId), update.Entry)))
        {
            return false;
        }

        SeenVersions[update.CaseId] = update.CaseVersion;
        if (update.Entry is null)
        {
            Cases.Remove(update.CaseId);
        }
        else
        {
            Cases[update.CaseId] = update.Entry;
        }

        return true;
    }

    /// <summary>The municipality the unit lies in, when recorded.</summary>
    [Id(5)]
    public string? Municipality { get; set; }

    /// <summary>By case id: the items the case has for the unit's staff and leaders.</summary>
    [Id(6)]
    public Dictionary<string, UnitCaseWork> Work { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last case version of work seen per case, also for cases with no work here any more.</summary>
    [Id(7)]
    public Dictionary<string, long> WorkVersions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How many times the unit has been activated since it was defined: its updates to staff lists and the directory are
    /// numbered within an epoch, stored before the first of them is sent, so numbers are never reused after a restart.
    /// </summary>
    [Id(8)]
    public long Epoch { get; set; }

    /// <summary>The board's version: it grows with every change pushed to watchers (see <see cref="UnitGrain"/>).</summary>
    [Id(9)]
    public long BoardVersion { get; set; }

    /// <summary>By staff member: the cases in which they hold a responsibility as a member for this unit.</summary>
    [Id(10)]
    public Dictionary<string, HashSet<string>> Holdings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>By case: the case version of the last holdings list applied.</summary>
    [Id(11)]
    public Dictionary<string, long> HoldingVersions { get; set; } = new(StringComparer.Ordinal);
}
