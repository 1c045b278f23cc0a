namespace CaseGrid.Contracts.Meetings;

/// <summary>A decision made at a meeting. Every decision becomes a measure with an owner and a date (domain §10).</summary>
/// <param name="DecisionId">Id of the decision.</param>
/// <param name="Text">What was decided.</param>
/// <param name="MeasureId">The measure the decision became.</param>
[GenerateSerializer, Immutable, Alias("casegrid.MeetingDecision")]
public sealed record MeetingDecision(string DecisionId, string Text, string MeasureId);
