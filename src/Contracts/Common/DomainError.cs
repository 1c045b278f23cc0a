namespace CaseGrid.Contracts.Common;

/// <summary>A refused command: nothing was changed and no event was written.</summary>
/// <param name="Kind">The class of refusal.</param>
/// <param name="Code">A stable machine-readable code, e.g. <c>handover.not-accepted</c>.</param>
/// <param name="Detail">A sentence a person can act on.</param>
/// <param name="CurrentVersion">For version conflicts: the item's current version.</param>
/// <param name="Current">For version conflicts: the item's current value.</param>
[GenerateSerializer, Immutable, Alias("casegrid.DomainError")]
public sealed record DomainError(ErrorKind Kind, string Code, string Detail, long? CurrentVersion = null, object? Current = null);
