namespace CaseGrid.Domain.Time;

/// <summary>Facts already in a case that meet a deadline without a milestone being recorded.</summary>
public enum SatisfactionFact
{
    /// <summary>A member of the rule's agency has joined the group (met on their first day of membership).</summary>
    MemberJoined,

    /// <summary>A group meeting was held (recorded or closed live) on or after the start of the deadline's window.</summary>
    GroupMeetingInWindow,

    /// <summary>The rule's need area is met.</summary>
    NeedMet,

    /// <summary>An agency member made a proposal (innspill) on or after the day the deadline counts from.</summary>
    ProposalFromMember,

    /// <summary>The coordinator is a member outside the correctional service (neither prison nor friomsorg).</summary>
    CoordinatorOutsideCorrectional,

    /// <summary>
    /// A conversation with the person on or after the start of the deadline's window (or its anchor when it has none): a
    /// contact recorded with them, or a group meeting they attended.
    /// </summary>
    ContactWithPersonInWindow,

    /// <summary>
    /// The coordinator role will leave the prison with the person: the coordinator is already outside the prison, or a
    /// handover of the role to a unit outside the prison is open (offered or accepted).
    /// </summary>
    CoordinatorHandoverPlanned,
}
