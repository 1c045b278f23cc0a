using System.Collections.Immutable;

namespace CaseGrid.Contracts.Work;

/// <summary>One of a user's cases.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="PersonName">The person the case is about.</param>
/// <param name="Phase">Where the case is on the path (null only while no board line is known).</param>
/// <param name="Relations"><c>Member</c> (an active member of its group), <c>Current</c> and <c>Incoming</c> (through a unit the user works at).</param>
/// <param name="Role">The user's role in the group, when a member.</param>
/// <param name="UnitId">The unit holding the case.</param>
/// <param name="UnitName">Its name.</param>
/// <param name="Line">
/// The board line (expected release, readiness, overdue deadlines, next deadline, unowned critical areas, handovers
/// awaiting the unit and their answer date): the line of a unit the user works at when there is one, else of the unit
/// holding the case.
/// </param>
[GenerateSerializer, Immutable, Alias("casegrid.MyCase")]
public sealed record MyCase(
    string CaseId,
    string PersonName,
    Cases.CasePhase? Phase,
    ImmutableArray<string> Relations,
    Groups.MemberRole? Role,
    string? UnitId,
    string? UnitName,
    Units.UnitCaseEntry? Line);
