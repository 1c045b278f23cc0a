namespace CaseGrid.Contracts.Handovers;

/// <summary>
/// A flag on a responsibility whose accountable owner can no longer act (domain §6): raised at once with an escalation
/// to the leaders of <see cref="UnitId"/>, and gone when a handover or an override gives the responsibility to someone
/// who can act, or the cause goes away (the owner is staff again, the case moves back).
/// </summary>
/// <param name="Subject">A need-area code or <see cref="Responsibility.Coordinator"/>.</param>
/// <param name="OwnerId">The owner who can no longer act.</param>
/// <param name="UnitId">The unit the owner is a member for; its leaders are asked to reassign the responsibility.</param>
/// <param name="Cause">Why the owner can no longer act.</param>
/// <param name="Since">When the case raised the flag.</param>
/// <param name="EscalationId">The escalation raised with it.</param>
[GenerateSerializer, Immutable, Alias("casegrid.OrphanedResponsibility")]
public sealed record OrphanedResponsibility(string Subject, string OwnerId, string UnitId, OrphanCause Cause, DateTimeOffset Since, string? EscalationId);
