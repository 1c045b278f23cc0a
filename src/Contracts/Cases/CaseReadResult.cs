using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.Cases;

/// <summary>A case as the reader may see it, or why they may not.</summary>
/// <param name="State">The case at the requested version; null when refused.</param>
/// <param name="Error">Why the read was refused.</param>
/// <param name="Access">How much of the need-area details the reader got (for the audit of sensitive reads).</param>
[GenerateSerializer, Immutable, Alias("casegrid.CaseReadResult")]
public sealed record CaseReadResult(CaseState? State, DomainError? Error, Privacy.DetailAccess Access = Privacy.DetailAccess.Full);
