namespace CaseGrid.Domain.Time;

/// <summary>
/// What a deadline counts from. Unknown dates fall back as domain §4 says — deadlines then count from the earliest
/// possible date: expected release ← earliest release ← intake, earliest release ← expected release ← intake,
/// and intake (the sentence start) ← the day the case was opened.
/// </summary>
public enum DeadlineAnchor
{
    /// <summary>Innkomst: the sentence start.</summary>
    Intake,

    /// <summary>The earliest release on parole (the 2/3 date).</summary>
    EarliestRelease,

    /// <summary>The expected release.</summary>
    ExpectedRelease,

    /// <summary>The day of release: the day the case was marked released, before that the expected release.</summary>
    Release,

    /// <summary>The end of supervision; no fallback: a rule counting from it does not apply while it is unknown.</summary>
    EndOfSupervision,

    /// <summary>The latest recorded milestone of the rule's <see cref="DeadlineRule.AnchorMilestone"/> (then its fallback anchor, if any).</summary>
    Milestone,

    /// <summary>
    /// The latest conversation with the person: a contact recorded with them, or a group meeting they attended (then the
    /// fallback anchor, if any). A recurring rule counted from it comes round again after each conversation.
    /// </summary>
    ContactWithPerson,

    /// <summary>The first day a member of the rule's <see cref="DeadlineRule.AnchorAgency"/> belonged to the group; the rule waits until one has.</summary>
    AgencyJoined,
}
