using System.Collections.Immutable;

namespace CaseGrid.Contracts.Units;

/// <summary>A unit's board as it stands.</summary>
/// <param name="Version">The board's version: it grows with every change pushed to watchers, across activations.</param>
/// <param name="Cases">The current and incoming cases.</param>
[GenerateSerializer, Immutable, Alias("casegrid.UnitBoard")]
public sealed record UnitBoard(long Version, ImmutableArray<UnitCaseEntry> Cases);
