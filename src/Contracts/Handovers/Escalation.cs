namespace CaseGrid.Contracts.Handovers;

/// <summary>A raised flag for the unit leader: a declined handover, an override, an orphaned responsibility.</summary>
/// <param name="EscalationId">Id of the escalation.</param>
/// <param name="Subject">The responsibility concerned.</param>
/// <param name="Reason">Why it was raised.</param>
/// <param name="HandoverId">The handover concerned, if any.</param>
/// <param name="RaisedAt">When.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Escalation")]
public sealed record Escalation(string EscalationId, string Subject, string Reason, string? HandoverId, DateTimeOffset RaisedAt);
