namespace CaseGrid.Contracts.Units;

/// <summary>One line of a unit's case index, kept current from the case's events.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="PersonDisplayName">The person's name.</param>
/// <param name="Phase">The case's phase.</param>
/// <param name="Relation">Current or incoming.</param>
/// <param name="ExpectedRelease">Expected release date, if known.</param>
/// <param name="HandoversAwaitingUnit">Open handovers offered to this unit that it has not accepted yet.</param>
/// <param name="CaseVersion">The case version this line reflects; older updates are ignored.</param>
/// <param name="Readiness">Release readiness, the worst of its items; null before release − 8 weeks.</param>
/// <param name="OverdueDeadlines">Deadlines past due and not met.</param>
/// <param name="NextDeadline">The next open deadline's day.</param>
/// <param name="NextDeadlineTitle">The next open deadline's name.</param>
/// <param name="UnownedAfterRelease">Critical need areas without an accepted owner outside the prison.</param>
/// <param name="EndOfSupervision">When supervision ends, if known.</param>
/// <param name="AnswerDue">For this unit: the earliest planned date of a handover it has not answered.</param>
/// <param name="CurrentUnitId">The unit holding the case (this unit when the case is current here).</param>
/// <param name="OrphanedResponsibilities">Responsibilities whose owner can no longer act (left their unit's staff, or a unit the person has left), flagged until reassigned.</param>
/// <param name="ReleaseForm">How the person left prison, once released.</param>
[GenerateSerializer, Immutable, Alias("casegrid.UnitCaseEntry")]
public sealed record UnitCaseEntry(
    string CaseId,
    string PersonDisplayName,
    Cases.CasePhase Phase,
    UnitCaseRelation Relation,
    DateOnly? ExpectedRelease,
    int HandoversAwaitingUnit,
    long CaseVersion,
    Time.ReadinessColour? Readiness = null,
    int OverdueDeadlines = 0,
    DateOnly? NextDeadline = null,
    string? NextDeadlineTitle = null,
    int UnownedAfterRelease = 0,
    DateOnly? EndOfSupervision = null,
    DateOnly? AnswerDue = null,
    string? CurrentUnitId = null,
    int OrphanedResponsibilities = 0,
    Cases.ReleaseForm? ReleaseForm = null);
