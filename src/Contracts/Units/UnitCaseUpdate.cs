namespace CaseGrid.Contracts.Units;

/// <summary>A case telling a unit how it relates to it now; <see cref="Entry"/> null means "no longer related".</summary>
/// <param name="CaseId">The case.</param>
/// <param name="CaseVersion">The case version the update reflects.</param>
/// <param name="Entry">The unit's line for the case, or null to drop it.</param>
[GenerateSerializer, Immutable, Alias("casegrid.UnitCaseUpdate")]
public sealed record UnitCaseUpdate(string CaseId, long CaseVersion, UnitCaseEntry? Entry);
