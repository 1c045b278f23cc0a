using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.Cases;

/// <summary>A case as the reader may see it, or why they may not.</summary>
/// <param name="State">The case at the requested version; null when refused.</param>
/// <param name="Error">Why the read was refused.</param>
[GenerateSerializer, Immutable, Alias("casegrid.CaseReadResult")]
public sealed record CaseReadResult(CaseState? State, DomainError? Error);
