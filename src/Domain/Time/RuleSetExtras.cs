using System.Collections.Immutable;

namespace CaseGrid.Domain.Time;

/// <summary>The parts of a rule set beyond its deadline rules; each falls back to its default when null.</summary>
/// <param name="Origin">Where the set's lead times come from, in words.</param>
/// <param name="FirstDays">When the first-days list is prepared.</param>
/// <param name="Proposals">When a proposal must be answered.</param>
/// <param name="LeadTimes">Partners' typical lead times by kind of application.</param>
/// <param name="AppealPeriod">How long the person has to appeal a refusal.</param>
/// <param name="MeetingNoticeDays">The person should have a meeting's invitation at least this many days before.</param>
public sealed record RuleSetExtras(
    string? Origin = null,
    FirstDaysSettings? FirstDays = null,
    ProposalSettings? Proposals = null,
    ImmutableArray<LeadTime> LeadTimes = default,
    DeadlinePeriod? AppealPeriod = null,
    int MeetingNoticeDays = 7);
