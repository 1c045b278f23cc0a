using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Time;

/// <summary>One deadline rule of a <see cref="DeadlineRuleSet"/>, held as data (<c>deadline-rules.json</c>).</summary>
/// <param name="Id">Stable id, e.g. <c>needs-conversation-1</c>; a missed deadline is recorded by it.</param>
/// <param name="NameNb">Name in Norwegian (bokmål): the deadline's title.</param>
/// <param name="NameEn">Name in English.</param>
/// <param name="Anchor">What it counts from.</param>
/// <param name="AnchorMilestone">For <see cref="DeadlineAnchor.Milestone"/>: which milestone (the latest recorded counts).</param>
/// <param name="FallbackAnchor">For <see cref="DeadlineAnchor.Milestone"/>: what to count from while no such milestone is recorded; without it the rule waits.</param>
/// <param name="Offset">Due = anchor + offset.</param>
/// <param name="Window">For a window (the release meeting): its first day = anchor + window.</param>
/// <param name="Condition">When the rule applies; always when null.</param>
/// <param name="SatisfiedBy">Milestones and facts that meet it, any one of which is enough; empty for a recurring rule re-anchored by its own milestone.</param>
/// <param name="Severity">Must (escalated when missed) or should (a warning).</param>
/// <param name="Responsible">The kind of agency that must see to it; its unit's leader gets the escalation.</param>
/// <param name="ActiveIn">The phases it is live in; in the others an unmet deadline is not applicable.</param>
/// <param name="Source">Where the rule comes from (report and lines, with a quote).</param>
/// <param name="AnchorAgency">For <see cref="DeadlineAnchor.AgencyJoined"/>: which agency.</param>
/// <param name="ByCoordinator">
/// True when whoever holds the coordinator role must see to it: the deadline's agency is then the coordinator's, and a
/// missed deadline goes to the leader of the coordinator's unit (<see cref="Responsible"/> is used while there is none).
/// </param>
public sealed record DeadlineRule(
    string Id,
    string NameNb,
    string NameEn,
    DeadlineAnchor Anchor,
    MilestoneKind? AnchorMilestone,
    DeadlineAnchor? FallbackAnchor,
    DeadlinePeriod Offset,
    DeadlinePeriod? Window,
    RuleCondition? Condition,
    ImmutableArray<RuleSatisfaction> SatisfiedBy,
    DeadlineSeverity Severity,
    Agency Responsible,
    ImmutableArray<CasePhase> ActiveIn,
    string Source,
    Agency? AnchorAgency = null,
    bool ByCoordinator = false);
