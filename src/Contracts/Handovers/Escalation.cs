namespace CaseGrid.Contracts.Handovers;

/// <summary>A raised flag for the unit leader: a declined handover, a missed deadline, a handover whose planned date passed.</summary>
/// <param name="EscalationId">Id of the escalation.</param>
/// <param name="Subject">The responsibility concerned (a need-area code or the coordinator role), or <c>deadline:{ruleId}</c> for a missed deadline.</param>
/// <param name="Reason">Why it was raised.</param>
/// <param name="HandoverId">The handover concerned, if any.</param>
/// <param name="RaisedAt">When.</param>
/// <param name="UnitId">The unit whose leader it goes to, when the escalation names one.</param>
/// <param name="ResolvedAt">When a leader recorded it as handled; null while only the case's own changes can close it.</param>
/// <param name="ResolvedById">The leader who recorded it as handled.</param>
/// <param name="ResolutionNote">What the leader did about it.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Escalation")]
public sealed record Escalation(
    string EscalationId,
    string Subject,
    string Reason,
    string? HandoverId,
    DateTimeOffset RaisedAt,
    string? UnitId = null,
    DateTimeOffset? ResolvedAt = null,
    string? ResolvedById = null,
    string? ResolutionNote = null);
