using CaseGrid.Contracts.Privacy;

namespace CaseGrid.Api.Endpoints;

/// <summary>An erasure of a closed case.</summary>
/// <param name="Reason">Why: <c>RetentionExpired</c>, <c>PersonRequest</c> or <c>RegisteredInError</c> (docs/retention.md).</param>
public sealed record ErasureRequest(ErasureReason? Reason);
