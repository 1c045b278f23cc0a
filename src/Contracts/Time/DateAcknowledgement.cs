namespace CaseGrid.Contracts.Time;

/// <summary>A member's (or a receiving unit's staff member's) confirmation that they have seen the key dates.</summary>
/// <param name="UserId">Who acknowledged.</param>
/// <param name="UnitId">The unit they acknowledged for, when they belong to one.</param>
/// <param name="DatesVersion">The dates version (<c>CaseState.DatesVersion</c>) they saw.</param>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable, Alias("casegrid.DateAcknowledgement")]
public sealed record DateAcknowledgement(string UserId, string? UnitId, long DatesVersion, DateTimeOffset At);
