namespace CaseGrid.Contracts.Work;

/// <summary>What a work item asks its addressee to do (domain §13). Each kind has one action code the app words in Norwegian.</summary>
public enum WorkItemKind
{
    /// <summary>A handover offered to the user by name, or to a unit they staff: answer it (<c>handover.answer</c>).</summary>
    HandoverOffered,

    /// <summary>A proposal (innspill) the user must answer as the need area's owner, else the coordinator (<c>proposal.answer</c>).</summary>
    ProposalToAnswer,

    /// <summary>A deadline the user owns falls due within the work window (<c>deadline.meet</c>).</summary>
    DeadlineDue,

    /// <summary>A deadline the user owns has passed unmet (<c>deadline.meet</c>).</summary>
    DeadlineMissed,

    /// <summary>An escalation to a unit the user leads (<c>escalation.resolve</c>).</summary>
    Escalation,

    /// <summary>The key dates changed and the user (or their receiving unit) has not acknowledged them (<c>dates.acknowledge</c>).</summary>
    KeyDatesChanged,

    /// <summary>As <see cref="KeyDatesChanged"/>, when the change moved a release date earlier: high priority (<c>dates.acknowledge</c>).</summary>
    ReleaseMovedEarlier,

    /// <summary>An owner left the unit they held a responsibility for: its leaders reassign it (<c>responsibility.reassign</c>).</summary>
    OwnerLeftUnit,

    /// <summary>Someone recorded consent or an approval on the person's word: the person confirms or rejects it (<c>consent.confirm</c>).</summary>
    ConsentToConfirm,
}
