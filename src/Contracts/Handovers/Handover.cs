namespace CaseGrid.Contracts.Handovers;

/// <summary>
/// A handover of one responsibility (a need area or the coordinator role): offered → accepted (overlap,
/// both responsible) → completed once the overlap condition holds and the planned date has come.
/// </summary>
/// <param name="HandoverId">Id of the handover.</param>
/// <param name="Subject">A need-area code or <see cref="Responsibility.Coordinator"/>.</param>
/// <param name="FromUserId">The owner handing over.</param>
/// <param name="ToUnitId">The receiving unit.</param>
/// <param name="ToUserId">The named receiver, when the offer is to a person rather than to the unit.</param>
/// <param name="PlannedDate">The day the sender plans to let go; completion waits for it.</param>
/// <param name="Note">What the receiver needs to know.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="OfferedAt">When it was offered.</param>
/// <param name="AcceptedById">The member who accepted and is now co-responsible.</param>
/// <param name="AcceptedAt">When it was accepted.</param>
/// <param name="OverlapMet">True once the receiver has met the group or the person after accepting.</param>
/// <param name="ClosedAt">When it was completed, declined or withdrawn.</param>
/// <param name="Reason">Reason for a decline or withdrawal.</param>
/// <param name="Version">Case version of the last change to this handover.</param>
/// <param name="ToAgency">The kind of the receiving unit, as it was when offered; null for handovers offered before it was recorded.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Handover")]
public sealed record Handover(
    string HandoverId,
    string Subject,
    string FromUserId,
    string ToUnitId,
    string? ToUserId,
    DateOnly PlannedDate,
    string? Note,
    HandoverStatus Status,
    DateTimeOffset OfferedAt,
    string? AcceptedById,
    DateTimeOffset? AcceptedAt,
    bool OverlapMet,
    DateTimeOffset? ClosedAt,
    string? Reason,
    long Version,
    Groups.Agency? ToAgency = null)
{
    /// <summary>True while offered or accepted.</summary>
    public bool IsOpen => Status is HandoverStatus.Offered or HandoverStatus.Accepted;
}
