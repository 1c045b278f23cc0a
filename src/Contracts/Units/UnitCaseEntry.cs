namespace CaseGrid.Contracts.Units;

/// <summary>One line of a unit's case index, kept current from the case's events.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="PersonDisplayName">The person's name.</param>
/// <param name="Phase">The case's phase.</param>
/// <param name="Relation">Current or incoming.</param>
/// <param name="ExpectedRelease">Expected release date, if known.</param>
/// <param name="HandoversAwaitingUnit">Open handovers offered to this unit that it has not accepted yet.</param>
/// <param name="CaseVersion">The case version this line reflects; older updates are ignored.</param>
[GenerateSerializer, Immutable, Alias("casegrid.UnitCaseEntry")]
public sealed record UnitCaseEntry(
    string CaseId,
    string PersonDisplayName,
    Cases.CasePhase Phase,
    UnitCaseRelation Relation,
    DateOnly? ExpectedRelease,
    int HandoversAwaitingUnit,
    long CaseVersion);
