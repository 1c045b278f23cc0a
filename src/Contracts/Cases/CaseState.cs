using System.Collections.Immutable;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Contracts.Cases;

/// <summary>
/// A case as it stands at <see cref="Version"/>: the person, the timeline, the ansvarsgruppe, the plan and
/// every handover. It is the fold of the case's events; the rules that change it live in the case domain.
/// </summary>
/// <param name="CaseId">Id of the case.</param>
/// <param name="GroupId">Id of the ansvarsgruppe around the person.</param>
/// <param name="Person">The person.</param>
/// <param name="Phase">Where the person is on the path.</param>
/// <param name="CurrentUnitId">The unit currently holding the case (prison, friomsorg office, municipality).</param>
/// <param name="Home">The receiving municipality, possibly disputed.</param>
/// <param name="Dates">The key dates.</param>
/// <param name="DatesVersion">Case version of the last change to the key dates.</param>
/// <param name="CoordinatorId">The member holding the coordinator role.</param>
/// <param name="Members">The ansvarsgruppe, current and former members, by user id.</param>
/// <param name="NeedAreas">The plan's need areas by code.</param>
/// <param name="Goals">Goals by id.</param>
/// <param name="Measures">Measures by id.</param>
/// <param name="Proposals">Proposals by id.</param>
/// <param name="Agreements">The person's answers in the order recorded; the latest answer to a plan version counts.</param>
/// <param name="Handovers">All handovers, open and closed, by id.</param>
/// <param name="Encounters">Meetings held and contacts recorded.</param>
/// <param name="Escalations">Raised escalations.</param>
/// <param name="OpenedAt">When the case was opened.</param>
/// <param name="UpdatedAt">When the last event happened.</param>
/// <param name="Version">Number of events applied.</param>
/// <param name="Meetings">Meetings of the ansvarsgruppe, scheduled, open, closed or cancelled, by id.</param>
/// <param name="Milestones">Steps of the pathway recorded as done, in the order recorded.</param>
/// <param name="ReleasedOn">
/// The day the person left prison, in whatever form (parole, electronic monitoring, community serving, full-time release);
/// for a case never in prison, the day it was marked released. Null before, and again after a return to prison.
/// </param>
/// <param name="LastActivity">
/// By user id: the last time the user acted on the case, joined the group or took on a responsibility. Orphan
/// detection counts an owner's inactivity from it.
/// </param>
/// <param name="DateAcknowledgements">By user id: the latest key-dates version each user has acknowledged.</param>
/// <param name="MissedDeadlines">Deadlines the clock has recorded as missed, each once.</param>
/// <param name="HandoverAlerts">By handover id: when the clock flagged that its planned date passed without acceptance.</param>
/// <param name="InactivityAlerts">By user id: the last-activity instant an inactivity alert was raised for (so it is raised once per silence).</param>
/// <param name="ReleaseExceptions">Exceptions to the release gate, in the order recorded.</param>
/// <param name="FirstDays">The first-days list, made when the case is marked released; empty before.</param>
/// <param name="Consent">The person's consent as it stands (<see cref="Privacy.Consent.None"/> until given).</param>
/// <param name="HealthApprovals">By user id: members outside the health services the person approved to see health details.</param>
/// <param name="WithheldAreas">In a state read by someone: the need areas whose details were withheld from them. Empty in the case itself.</param>
/// <param name="PrivacyRequests">By request id: consent and health-details approvals recorded on the person's word, waiting for their confirmation.</param>
/// <param name="LastDatesChange">The latest change of the key dates: when, by whom, and whether it moved a release date earlier.</param>
/// <param name="ReleaseForm">How the person left prison (parole, electronic monitoring, …) when the case has recorded a release; null before.</param>
/// <param name="FormerUnitIds">The units the case has moved away from (and not back to): owners there can no longer act.</param>
/// <param name="StaffDepartures">By user id: the unit the case has learned the user no longer works at (from that unit).</param>
/// <param name="Orphans">
/// By subject (need-area code or coordinator): responsibilities whose accountable owner can no longer act, flagged with an
/// escalation until a handover or an override fixes them.
/// </param>
[GenerateSerializer, Immutable, Alias("casegrid.CaseState")]
public sealed record CaseState(
    string CaseId,
    string GroupId,
    PersonRef Person,
    CasePhase Phase,
    string CurrentUnitId,
    HomeMunicipality Home,
    KeyDates Dates,
    long DatesVersion,
    string CoordinatorId,
    ImmutableDictionary<string, GroupMember> Members,
    ImmutableDictionary<string, NeedArea> NeedAreas,
    ImmutableDictionary<string, Goal> Goals,
    ImmutableDictionary<string, Measure> Measures,
    ImmutableDictionary<string, Proposal> Proposals,
    ImmutableList<Agreement> Agreements,
    ImmutableDictionary<string, Handover> Handovers,
    ImmutableList<Encounter> Encounters,
    ImmutableList<Escalation> Escalations,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    ImmutableDictionary<string, Meeting> Meetings,
    ImmutableList<Milestone> Milestones,
    DateOnly? ReleasedOn,
    ImmutableDictionary<string, DateTimeOffset> LastActivity,
    ImmutableDictionary<string, DateAcknowledgement> DateAcknowledgements,
    ImmutableList<MissedDeadline> MissedDeadlines,
    ImmutableDictionary<string, DateTimeOffset> HandoverAlerts,
    ImmutableDictionary<string, DateTimeOffset> InactivityAlerts,
    ImmutableList<ReleaseException> ReleaseExceptions,
    ImmutableList<FirstDaysItem> FirstDays,
    Privacy.Consent Consent,
    ImmutableDictionary<string, Privacy.HealthApproval> HealthApprovals,
    ImmutableArray<string> WithheldAreas,
    ImmutableDictionary<string, Privacy.PrivacyRequest> PrivacyRequests,
    KeyDatesChange? LastDatesChange,
    ReleaseForm? ReleaseForm,
    ImmutableArray<string> FormerUnitIds,
    ImmutableDictionary<string, string> StaffDepartures,
    ImmutableDictionary<string, OrphanedResponsibility> Orphans)
{
    /// <summary>The units that have an open handover offered to them: the case is incoming there.</summary>
    public IEnumerable<string> IncomingUnitIds =>
        Handovers.Values.Where(h => h.IsOpen).Select(h => h.ToUnitId).Where(u => u != CurrentUnitId).Distinct();

    /// <summary>The open handover of <paramref name="subject"/>, if any.</summary>
    public Handover? OpenHandoverOf(string subject) =>
        Handovers.Values.FirstOrDefault(h => h.Subject == subject && h.IsOpen);

    /// <summary>The accountable owner of a need area or of the coordinator role.</summary>
    public string? OwnerOf(string subject) =>
        subject == Responsibility.Coordinator ? CoordinatorId : NeedAreas.GetValueOrDefault(subject)?.AccountableOwnerId;

    /// <summary>True once the person has left prison (in any form) and not gone back: the coordinator then sits outside the prison.</summary>
    public bool IsOutOfPrison => ReleasedOn is not null && CasePhases.IsOut(Phase);

    /// <summary>The meeting under way, if any; at most one is open at a time.</summary>
    public Meeting? MeetingInProgress => Meetings.Values.FirstOrDefault(m => m.Status == MeetingStatus.Open);

    /// <summary>True when <paramref name="userId"/> is a member on <paramref name="day"/>.</summary>
    public bool IsActiveMember(string userId, DateOnly day) =>
        Members.TryGetValue(userId, out var m) && m.IsActiveOn(day);

    /// <summary>
    /// The accountable owners (of the coordinator role and of identified need areas) who are current members and have
    /// not acknowledged the current key dates, in ordinal order. Empty while the dates have never changed since opening.
    /// </summary>
    public ImmutableArray<string> PendingDateAcknowledgements =>
        DatesVersion <= 1
            ? []
            : [.. NeedAreas.Values.Where(n => n.Status != NeedStatus.NotAssessed).Select(n => n.AccountableOwnerId).Append(CoordinatorId)
                .OfType<string>()
                .Where(id => Members.TryGetValue(id, out var m) && m.Until is null && m.Role != MemberRole.Person)
                .Where(id => DateAcknowledgements.GetValueOrDefault(id)?.DatesVersion is not { } seen || seen < DatesVersion)
                .Distinct()
                .Order(StringComparer.Ordinal)];

    /// <summary>The receiving units (with an open handover to them) where nobody has acknowledged the current key dates.</summary>
    public ImmutableArray<string> PendingDateAcknowledgementUnits =>
        DatesVersion <= 1
            ? []
            : [.. IncomingUnitIds.Where(u => !DateAcknowledgements.Values.Any(a => a.UnitId == u && a.DatesVersion >= DatesVersion)).Order(StringComparer.Ordinal)];
}
