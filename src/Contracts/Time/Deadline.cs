using CaseGrid.Contracts.Groups;

namespace CaseGrid.Contracts.Time;

/// <summary>
/// One deadline of a case as computed on a day from a versioned rule set (domain §7). It carries the rule, the
/// rule-set version and the reason in plain words, so anyone can see why it is due when it is.
/// </summary>
/// <param name="RuleId">The rule, e.g. <c>needs-conversation-1</c>.</param>
/// <param name="RuleSetVersion">The version of the rule set it was computed with, e.g. <c>2026.1</c>.</param>
/// <param name="Title">The rule's name in Norwegian (bokmål).</param>
/// <param name="Due">The last day to meet it; null only when it is not applicable and no date could be counted.</param>
/// <param name="WindowStart">For a deadline with a window (the release meeting): the first day that counts.</param>
/// <param name="Status">Where it stands on the day it was computed for.</param>
/// <param name="MetOn">The day it was met, when known.</param>
/// <param name="Severity">Must (skal) or should (bør).</param>
/// <param name="ResponsibleAgency">The kind of agency that must see to it.</param>
/// <param name="Reason">The computation in plain Norwegian, e.g. <c>Innkomst 2026-03-01 + 7 dager</c>.</param>
/// <param name="Source">Where the rule comes from.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Deadline")]
public sealed record Deadline(
    string RuleId,
    string RuleSetVersion,
    string Title,
    DateOnly? Due,
    DateOnly? WindowStart,
    DeadlineStatus Status,
    DateOnly? MetOn,
    DeadlineSeverity Severity,
    Agency ResponsibleAgency,
    string Reason,
    string Source);
