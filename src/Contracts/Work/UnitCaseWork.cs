using System.Collections.Immutable;

namespace CaseGrid.Contracts.Work;

/// <summary>
/// A case telling a unit which of its items are for the unit: for every staff member, and for the leaders only. Both
/// empty means "none". Versioned by the case: an older update than one held is ignored.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="CaseVersion">The case version this reflects.</param>
/// <param name="Staff">Items for every staff member of the unit.</param>
/// <param name="Leaders">Items for the unit's leaders.</param>
[GenerateSerializer, Immutable, Alias("casegrid.UnitCaseWork")]
public sealed record UnitCaseWork(string CaseId, long CaseVersion, ImmutableArray<WorkItem> Staff, ImmutableArray<WorkItem> Leaders)
{
    /// <summary>True when the case has nothing for the unit.</summary>
    public bool IsEmpty => Staff.IsDefaultOrEmpty && Leaders.IsDefaultOrEmpty;
}
