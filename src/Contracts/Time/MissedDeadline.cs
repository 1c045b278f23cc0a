namespace CaseGrid.Contracts.Time;

/// <summary>A deadline recorded as missed. A deadline is recorded missed once, by its rule and due day.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="RuleSetVersion">The rule-set version it was computed with.</param>
/// <param name="Due">The day it was due.</param>
/// <param name="RecordedAt">When the clock recorded it.</param>
[GenerateSerializer, Immutable, Alias("casegrid.MissedDeadline")]
public sealed record MissedDeadline(string RuleId, string RuleSetVersion, DateOnly Due, DateTimeOffset RecordedAt);
