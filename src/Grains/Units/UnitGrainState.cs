using System.Runtime.InteropServices;
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

    /// <summary>
    /// The form before <see cref="Versions"/>: the last case version of each case's line. Read from state stored before,
    /// moved into <see cref="Versions"/> (<see cref="MoveOldVersions"/>), and stored empty, as are
    /// <see cref="OldWorkVersions"/> and <see cref="OldHoldingVersions"/>.
    /// </summary>
    [Id(4)]
    public Dictionary<string, long> OldSeenVersions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Take a case's line into the index: false, changing nothing, when it is older than the one held or exactly the line
    /// held (a case tells its line again on every activation) — then the board has no news to push or store.
    /// </summary>
    public bool Take(UnitCaseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var seen = Versions.GetValueOrDefault(update.CaseId).Line;
        if (update.CaseVersion < seen || (seen > 0 && update.CaseVersion == seen && Equals(Cases.GetValueOrDefault(update.CaseId), update.Entry)))
        {
            return false;
        }

        VersionsOf(update.CaseId).Line = update.CaseVersion;
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

    /// <summary>The form before <see cref="Versions"/>: the last case version of each case's work (see <see cref="OldSeenVersions"/>).</summary>
    [Id(7)]
    public Dictionary<string, long> OldWorkVersions { get; set; } = new(StringComparer.Ordinal);

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

    /// <summary>The form before <see cref="Versions"/>: the case version of each case's last holdings list (see <see cref="OldSeenVersions"/>).</summary>
    [Id(11)]
    public Dictionary<string, long> OldHoldingVersions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// By case, also for cases gone from the index or with no work here any more: the case versions last applied of its
    /// line, its work and its holdings. One entry per case instead of one in each of three dictionaries: a unit holds one
    /// for every case that ever named it.
    /// </summary>
    [Id(12)]
    public Dictionary<string, CaseVersions> Versions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The versions of <paramref name="caseId"/>, to read and set in place; made (all 0) when missing.</summary>
    public ref CaseVersions VersionsOf(string caseId) => ref CollectionsMarshal.GetValueRefOrAddDefault(Versions, caseId, out _);

    /// <summary>
    /// State stored in the form before <see cref="Versions"/> moved into it; the old dictionaries are left empty (not
    /// null, so a silo of the version before, during a rolling upgrade, reads a state it knows: versions it does not find
    /// count as 0, so it takes the cases' next updates and the cases' own versions set them right again).
    /// </summary>
    public void MoveOldVersions()
    {
        if (OldSeenVersions.Count + OldWorkVersions.Count + OldHoldingVersions.Count == 0)
        {
            return;
        }

        foreach (var (caseId, version) in OldSeenVersions)
        {
            VersionsOf(caseId).Line = Math.Max(VersionsOf(caseId).Line, version);
        }

        foreach (var (caseId, version) in OldWorkVersions)
        {
            VersionsOf(caseId).Work = Math.Max(VersionsOf(caseId).Work, version);
        }

        foreach (var (caseId, version) in OldHoldingVersions)
        {
            VersionsOf(caseId).Holdings = Math.Max(VersionsOf(caseId).Holdings, version);
        }

        OldSeenVersions = new(StringComparer.Ordinal);
        OldWorkVersions = new(StringComparer.Ordinal);
        OldHoldingVersions = new(StringComparer.Ordinal);
    }
}

/// <summary>The case versions a unit last applied of one case's line, work and holdings (0: none yet).</summary>
[GenerateSerializer]
public struct CaseVersions
{
    /// <summary>The case's line in the index (also when it was dropped from it).</summary>
    [Id(0)]
    public long Line { get; set; }

    /// <summary>The case's work for the unit's staff.</summary>
    [Id(1)]
    public long Work { get; set; }

    /// <summary>The case's list of who holds responsibilities there for the unit.</summary>
    [Id(2)]
    public long Holdings { get; set; }
}
