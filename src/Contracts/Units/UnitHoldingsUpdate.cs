using System.Collections.Immutable;

namespace CaseGrid.Contracts.Units;

/// <summary>A case telling a unit which of the unit's staff hold a responsibility in it (empty: none any more).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="CaseVersion">The case version the list reflects; an older one is ignored.</param>
/// <param name="UserIds">The owners (of need areas or the coordinator role) who are members for this unit.</param>
[GenerateSerializer, Immutable, Alias("casegrid.UnitHoldingsUpdate")]
public sealed record UnitHoldingsUpdate(string CaseId, long CaseVersion, ImmutableArray<string> UserIds);
