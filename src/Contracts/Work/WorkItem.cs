namespace CaseGrid.Contracts.Work;

/// <summary>
/// One thing that needs a user now, derived from a case (domain §13). It names the case by the person's name, says what
/// to do, and lasts exactly as long as the case needs it: it goes when the case changes, never when someone ticks it off.
/// It never carries free text from the plan, and never health details.
/// </summary>
/// <param name="ItemId">Stable while the item lasts, e.g. <c>case-x:handover:h-3</c>.</param>
/// <param name="Kind">What kind of item.</param>
/// <param name="CaseId">The case.</param>
/// <param name="PersonName">The person the case is about.</param>
/// <param name="Subject">A need-area code, <c>coordinator</c>, a deadline rule id, <c>dates</c> or <c>consent</c>; null when none.</param>
/// <param name="SubjectTitle">The subject's Norwegian name.</param>
/// <param name="Due">The answer date, deadline or planned date; null when none.</param>
/// <param name="Overdue">True when <see cref="Due"/> has passed.</param>
/// <param name="Since">When it started to need its addressee.</param>
/// <param name="UnitId">The unit it reaches the user through (a unit they staff or lead); null when addressed to them by name.</param>
/// <param name="UnitName">That unit's name.</param>
/// <param name="RefId">What the action needs: a handover, proposal, escalation or rule id, or a dates version.</param>
/// <param name="Action">What to do, as a code: <c>handover.answer</c>, <c>proposal.answer</c>, <c>deadline.meet</c>, <c>escalation.resolve</c>, <c>dates.acknowledge</c>, <c>responsibility.reassign</c>, <c>consent.confirm</c>.</param>
/// <param name="Detail">A short line in plain Norwegian (who offered it, the rule's reason); never free text from the plan.</param>
[GenerateSerializer, Immutable, Alias("casegrid.WorkItem")]
public sealed record WorkItem(
    string ItemId,
    WorkItemKind Kind,
    string CaseId,
    string PersonName,
    string? Subject,
    string? SubjectTitle,
    DateOnly? Due,
    bool Overdue,
    DateTimeOffset Since,
    string? UnitId,
    string? UnitName,
    string? RefId,
    string Action,
    string? Detail);
