using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.Realtime;

/// <summary>The answer to a request for a field lock.</summary>
/// <param name="Granted">True when the caller now holds the lock.</param>
/// <param name="Lock">The lock as it stands: the caller's when granted, the holder's otherwise.</param>
/// <param name="Error">Why the request was refused (not a member, unknown field).</param>
[GenerateSerializer, Immutable, Alias("casegrid.FieldLockResult")]
public sealed record FieldLockResult(bool Granted, FieldLock? Lock, DomainError? Error);
