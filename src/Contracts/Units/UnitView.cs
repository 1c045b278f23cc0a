using System.Collections.Immutable;

namespace CaseGrid.Contracts.Units;

/// <summary>A unit with its staff and its case index.</summary>
/// <param name="Info">The unit.</param>
/// <param name="Staff">Who works there.</param>
/// <param name="Cases">Its current and incoming cases.</param>
[GenerateSerializer, Immutable, Alias("casegrid.UnitView")]
public sealed record UnitView(UnitInfo Info, ImmutableArray<UnitStaff> Staff, ImmutableArray<UnitCaseEntry> Cases);
