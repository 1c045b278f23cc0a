using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Contracts.Cases;

// The case's events form one closed hierarchy, read together and kept together in this file: the
// discriminators below are the event_type values stored in the log and must never change.

/// <summary>Something that happened to a case. Immutable; who and when are on the <see cref="CaseEventRecord"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.CaseEvent")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CaseOpened), "case-opened")]
[JsonDerivedType(typeof(KeyDatesChanged), "key-dates-changed")]
[JsonDerivedType(typeof(PhaseChanged), "phase-changed")]
[JsonDerivedType(typeof(CaseMovedToUnit), "case-moved-to-unit")]
[JsonDerivedType(typeof(HomeMunicipalityChanged), "home-municipality-changed")]
[JsonDerivedType(typeof(MemberAdded), "member-added")]
[JsonDerivedType(typeof(DeputySet), "deputy-set")]
[JsonDerivedType(typeof(MembershipEnded), "membership-ended")]
[JsonDerivedType(typeof(NeedIdentified), "need-identified")]
[JsonDerivedType(typeof(NeedAreaUpdated), "need-area-updated")]
[JsonDerivedType(typeof(SupportingOwnerAdded), "supporting-owner-added")]
[JsonDerivedType(typeof(SupportingOwnerRemoved), "supporting-owner-removed")]
[JsonDerivedType(typeof(GoalAdded), "goal-added")]
[JsonDerivedType(typeof(GoalUpdated), "goal-updated")]
[JsonDerivedType(typeof(MeasureAdded), "measure-added")]
[JsonDerivedType(typeof(MeasureUpdated), "measure-updated")]
[JsonDerivedType(typeof(MeasureStatusChanged), "measure-status-changed")]
[JsonDerivedType(typeof(ProposalSubmitted), "proposal-submitted")]
[JsonDerivedType(typeof(ProposalAnswered), "proposal-answered")]
[JsonDerivedType(typeof(AgreementRecorded), "agreement-recorded")]
[JsonDerivedType(typeof(EncounterRecorded), "encounter-recorded")]
[JsonDerivedType(typeof(HandoverOffered), "handover-offered")]
[JsonDerivedType(typeof(HandoverAccepted), "handover-accepted")]
[JsonDerivedType(typeof(OverlapEstablished), "overlap-established")]
[JsonDerivedType(typeof(HandoverCompleted), "handover-completed")]
[JsonDerivedType(typeof(HandoverDeclined), "handover-declined")]
[JsonDerivedType(typeof(HandoverWithdrawn), "handover-withdrawn")]
[JsonDerivedType(typeof(ResponsibilityOverridden), "responsibility-overridden")]
[JsonDerivedType(typeof(EscalationRaised), "escalation-raised")]
[JsonDerivedType(typeof(EscalationResolved), "escalation-resolved")]
[JsonDerivedType(typeof(MeetingScheduled), "meeting-scheduled")]
[JsonDerivedType(typeof(MeetingOpened), "meeting-opened")]
[JsonDerivedType(typeof(AttendanceRecorded), "attendance-recorded")]
[JsonDerivedType(typeof(MinutesEdited), "minutes-edited")]
[JsonDerivedType(typeof(DecisionRecorded), "decision-recorded")]
[JsonDerivedType(typeof(MeetingClosed), "meeting-closed")]
[JsonDerivedType(typeof(MeetingCancelled), "meeting-cancelled")]
[JsonDerivedType(typeof(MilestoneRecorded), "milestone-recorded")]
[JsonDerivedType(typeof(DeadlineMissed), "deadline-missed")]
[JsonDerivedType(typeof(HandoverPlannedDatePassed), "handover-planned-date-passed")]
[JsonDerivedType(typeof(OwnerInactive), "owner-inactive")]
[JsonDerivedType(typeof(ReleaseMovedEarlier), "release-moved-earlier")]
[JsonDerivedType(typeof(KeyDatesAcknowledged), "key-dates-acknowledged")]
[JsonDerivedType(typeof(ReleaseExceptionRecorded), "release-exception-recorded")]
[JsonDerivedType(typeof(CommitmentReopened), "commitment-reopened")]
[JsonDerivedType(typeof(FirstDaysListCreated), "first-days-list-created")]
[JsonDerivedType(typeof(FirstDaysItemUpdated), "first-days-item-updated")]
[JsonDerivedType(typeof(ConsentRecorded), "consent-recorded")]
[JsonDerivedType(typeof(ConsentWithdrawn), "consent-withdrawn")]
[JsonDerivedType(typeof(HealthAccessApproved), "health-access-approved")]
[JsonDerivedType(typeof(HealthAccessRevoked), "health-access-revoked")]
[JsonDerivedType(typeof(StaffingChanged), "staffing-changed")]
[JsonDerivedType(typeof(ResponsibilityOrphaned), "responsibility-orphaned")]
[JsonDerivedType(typeof(OrphanResolved), "orphan-resolved")]
[JsonDerivedType(typeof(ProposalAnswerMissed), "proposal-answer-missed")]
[JsonDerivedType(typeof(MeetingInvitationSent), "meeting-invitation-sent")]
[JsonDerivedType(typeof(ApologyRecorded), "apology-recorded")]
[JsonDerivedType(typeof(MeetingGuestAdded), "meeting-guest-added")]
[JsonDerivedType(typeof(MinutesApproved), "minutes-approved")]
[JsonDerivedType(typeof(ApplicationStepRecorded), "application-step-recorded")]
[JsonDerivedType(typeof(SharingLimited), "sharing-limited")]
[JsonDerivedType(typeof(ConsentExpired), "consent-expired")]
[JsonDerivedType(typeof(InformationRequested), "information-requested")]
[JsonDerivedType(typeof(ConsentRequested), "consent-requested")]
[JsonDerivedType(typeof(HealthAccessRequested), "health-access-requested")]
[JsonDerivedType(typeof(PrivacyRequestConfirmed), "privacy-request-confirmed")]
[JsonDerivedType(typeof(PrivacyRequestRejected), "privacy-request-rejected")]
public abstract record CaseEvent;

/// <summary>A case was opened; its creator is the first member and the coordinator.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.CaseOpened")]
public sealed record CaseOpened(
    string CaseId, string GroupId, PersonRef Person, CasePhase Phase, string UnitId, HomeMunicipality Home,
    KeyDates Dates, GroupMember Creator, System.Collections.Immutable.ImmutableArray<string> NeedCodes) : CaseEvent;

/// <summary>The key dates changed.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.KeyDatesChanged")]
public sealed record KeyDatesChanged(KeyDates Dates, KeyDates Previous) : CaseEvent;

/// <summary>The case moved to another phase; a move out of prison is a release in <see cref="Form"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.PhaseChanged")]
public sealed record PhaseChanged(CasePhase Phase, CasePhase Previous, ReleaseForm? Form = null) : CaseEvent;

/// <summary>The case moved to another unit (a transfer); plan and group travel with it.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.CaseMovedToUnit")]
public sealed record CaseMovedToUnit(string UnitId, string PreviousUnitId) : CaseEvent;

/// <summary>The receiving municipality changed, or its dispute flag.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.HomeMunicipalityChanged")]
public sealed record HomeMunicipalityChanged(HomeMunicipality Home) : CaseEvent;

/// <summary>A member joined the ansvarsgruppe.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MemberAdded")]
public sealed record MemberAdded(GroupMember Member) : CaseEvent;

/// <summary>A member's deputy was set or cleared.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.DeputySet")]
public sealed record DeputySet(string UserId, string? DeputyUserId) : CaseEvent;

/// <summary>A membership ends on <see cref="Until"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MembershipEnded")]
public sealed record MembershipEnded(string UserId, DateOnly Until) : CaseEvent;

/// <summary>A need was identified and given its accountable owner.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.NeedIdentified")]
public sealed record NeedIdentified(string Code, string OwnerId, string? OwnWords, string? Assessment) : CaseEvent;

/// <summary>A need area's words, assessment or status changed.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.NeedAreaUpdated")]
public sealed record NeedAreaUpdated(string Code, string? OwnWords, string? Assessment, NeedStatus Status) : CaseEvent;

/// <summary>A supporting owner was added to a need area.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.SupportingOwnerAdded")]
public sealed record SupportingOwnerAdded(string Code, string UserId) : CaseEvent;

/// <summary>A supporting owner was removed from a need area.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.SupportingOwnerRemoved")]
public sealed record SupportingOwnerRemoved(string Code, string UserId) : CaseEvent;

/// <summary>A goal was added.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.GoalAdded")]
public sealed record GoalAdded(string GoalId, string NeedCode, string Text) : CaseEvent;

/// <summary>A goal was changed.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.GoalUpdated")]
public sealed record GoalUpdated(string GoalId, string Text, bool Achieved) : CaseEvent;

/// <summary>A measure was added in status <see cref="MeasureStatus.Proposed"/>; conditional on a release date when <see cref="ConditionalOnRelease"/> is set.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MeasureAdded")]
public sealed record MeasureAdded(
    string MeasureId, System.Collections.Immutable.ImmutableArray<string> NeedCodes, string What, string? Why,
    string OwnerId, DateOnly? Due, string? Requirements, DateOnly? ConditionalOnRelease = null) : CaseEvent;

/// <summary>A measure's content changed.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MeasureUpdated")]
public sealed record MeasureUpdated(
    string MeasureId, System.Collections.Immutable.ImmutableArray<string> NeedCodes, string What, string? Why,
    string OwnerId, DateOnly? Due, string? Requirements) : CaseEvent;

/// <summary>A measure moved along its lifecycle.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MeasureStatusChanged")]
public sealed record MeasureStatusChanged(string MeasureId, MeasureStatus Status, string? Note) : CaseEvent;

/// <summary>A member made a proposal; it must be answered by <see cref="AnswerDue"/> (rule set <see cref="RuleSetVersion"/>).</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ProposalSubmitted")]
public sealed record ProposalSubmitted(
    string ProposalId, string AuthorId, string? NeedCode, string Text, DateOnly? AnswerDue = null, string? RuleSetVersion = null) : CaseEvent;

/// <summary>A proposal was answered; when adopted, <see cref="MeasureId"/> names the measure it became.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ProposalAnswered")]
public sealed record ProposalAnswered(string ProposalId, bool Adopted, string Answer, string? MeasureId) : CaseEvent;

/// <summary>The person's answer to a plan version was recorded.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.AgreementRecorded")]
public sealed record AgreementRecorded(long PlanVersion, AgreementAnswer Answer, string? Comment) : CaseEvent;

/// <summary>A group meeting or a contact with the person was recorded.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.EncounterRecorded")]
public sealed record EncounterRecorded(Encounter Encounter) : CaseEvent;

/// <summary>A handover was offered, to a unit of the kind <see cref="ToAgency"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.HandoverOffered")]
public sealed record HandoverOffered(
    string HandoverId, string Subject, string FromUserId, string ToUnitId, string? ToUserId, DateOnly PlannedDate,
    string? Note, Agency? ToAgency = null) : CaseEvent;

/// <summary>A handover was accepted: sender and receiver are both responsible from now on.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.HandoverAccepted")]
public sealed record HandoverAccepted(string HandoverId, string AcceptedById) : CaseEvent;

/// <summary>The receiver has met the group or the person: the overlap condition holds.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.OverlapEstablished")]
public sealed record OverlapEstablished(string HandoverId, string EncounterId) : CaseEvent;

/// <summary>A handover completed: <see cref="NewOwnerId"/> owns the subject and the sender is released.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.HandoverCompleted")]
public sealed record HandoverCompleted(string HandoverId, string NewOwnerId) : CaseEvent;

/// <summary>A handover was declined; the sender stays owner.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.HandoverDeclined")]
public sealed record HandoverDeclined(string HandoverId, string Reason) : CaseEvent;

/// <summary>A handover was withdrawn by the sender, or cancelled by an override.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.HandoverWithdrawn")]
public sealed record HandoverWithdrawn(string HandoverId, string Reason) : CaseEvent;

/// <summary>A leader moved a responsibility directly, with a reason.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ResponsibilityOverridden")]
public sealed record ResponsibilityOverridden(string Subject, string FromUserId, string ToUserId, string Reason) : CaseEvent;

/// <summary>
/// Something was escalated to a unit's leader: to <see cref="UnitId"/>'s when set. <see cref="Subject"/> is a need-area
/// code, the coordinator role, or <c>deadline:{ruleId}</c> for a missed deadline.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.EscalationRaised")]
public sealed record EscalationRaised(string EscalationId, string Subject, string Reason, string? HandoverId, string? UnitId = null) : CaseEvent;

/// <summary>A leader of the unit an escalation went to recorded it as handled, with what they did.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.EscalationResolved")]
public sealed record EscalationResolved(string EscalationId, string Note) : CaseEvent;

/// <summary>A meeting of the ansvarsgruppe was booked (who called it is the event's actor); with a place or video link its invitation went out too.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MeetingScheduled")]
public sealed record MeetingScheduled(
    string MeetingId, DateTimeOffset ScheduledFor, string Title, ImmutableArray<string>? Invitees = null, string? Place = null,
    string? VideoLink = null, string? ChairId = null) : CaseEvent;

/// <summary>A scheduled meeting opened: from now on attendance, minutes and decisions are recorded.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MeetingOpened")]
public sealed record MeetingOpened(string MeetingId) : CaseEvent;

/// <summary>A member takes part in the open meeting, in the room or remote (or changed how).</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.AttendanceRecorded")]
public sealed record AttendanceRecorded(string MeetingId, string UserId, Attendance Attendance) : CaseEvent;

/// <summary>The open meeting's minutes now read <see cref="Text"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MinutesEdited")]
public sealed record MinutesEdited(string MeetingId, string? Text) : CaseEvent;

/// <summary>The open meeting made a decision; it became the measure <see cref="MeasureId"/>, added by the event that follows.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.DecisionRecorded")]
public sealed record DecisionRecorded(string MeetingId, string DecisionId, string Text, string MeasureId) : CaseEvent;

/// <summary>The meeting closed; it was recorded as the group-meeting encounter <see cref="EncounterId"/> just before.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MeetingClosed")]
public sealed record MeetingClosed(string MeetingId, string EncounterId, string? NoNextMeetingReason = null) : CaseEvent;

/// <summary>A meeting was called off, with a reason.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MeetingCancelled")]
public sealed record MeetingCancelled(string MeetingId, string Reason) : CaseEvent;

/// <summary>An agency member recorded that a step of the pathway happened on <see cref="Date"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MilestoneRecorded")]
public sealed record MilestoneRecorded(MilestoneKind Kind, DateOnly Date, string? Note) : CaseEvent;

/// <summary>The clock recorded a deadline as missed: rule <see cref="RuleId"/> of rule set <see cref="RuleSetVersion"/>, due <see cref="Due"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.DeadlineMissed")]
public sealed record DeadlineMissed(string RuleId, string RuleSetVersion, DateOnly Due) : CaseEvent;

/// <summary>The planned date of an offered handover passed without anyone accepting it.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.HandoverPlannedDatePassed")]
public sealed record HandoverPlannedDatePassed(string HandoverId) : CaseEvent;

/// <summary>Orphan detection: the accountable owner of <see cref="Subject"/> has not acted on the case for <see cref="Days"/> days.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.OwnerInactive")]
public sealed record OwnerInactive(string UserId, string Subject, int Days) : CaseEvent;

/// <summary>A high-priority alert: a release date moved earlier, from <see cref="From"/> to <see cref="To"/>. Follows the <see cref="KeyDatesChanged"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ReleaseMovedEarlier")]
public sealed record ReleaseMovedEarlier(DateOnly From, DateOnly To, ReleaseDateKind Date) : CaseEvent;

/// <summary>The actor acknowledged the key dates as of <see cref="DatesVersion"/>, for <see cref="UnitId"/> when they act for a unit.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.KeyDatesAcknowledged")]
public sealed record KeyDatesAcknowledged(long DatesVersion, string? UnitId) : CaseEvent;

/// <summary>An exception to the release gate was recorded for the critical need area <see cref="Code"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ReleaseExceptionRecorded")]
public sealed record ReleaseExceptionRecorded(string Code, string Reason) : CaseEvent;

/// <summary>
/// A conditional commitment re-opened because the expected release moved away from the date it held for: the measure
/// is proposed again, now for <see cref="NowExpected"/> (or still <see cref="WasFor"/> when the new date is unknown).
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.CommitmentReopened")]
public sealed record CommitmentReopened(string MeasureId, DateOnly WasFor, DateOnly? NowExpected) : CaseEvent;

/// <summary>The first-days list was made, on release.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.FirstDaysListCreated")]
public sealed record FirstDaysListCreated(System.Collections.Immutable.ImmutableArray<FirstDaysItem> Items) : CaseEvent;

/// <summary>A line of the first-days list was ticked off or changed.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.FirstDaysItemUpdated")]
public sealed record FirstDaysItemUpdated(string ItemId, bool Done, string? Note) : CaseEvent;

/// <summary>The person's consent now covers <see cref="Scopes"/> too.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ConsentRecorded")]
public sealed record ConsentRecorded(System.Collections.Immutable.ImmutableArray<Privacy.ConsentScope> Scopes, string? Note, DateOnly? Until = null) : CaseEvent;

/// <summary>The person withdrew consent for <see cref="Scopes"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ConsentWithdrawn")]
public sealed record ConsentWithdrawn(System.Collections.Immutable.ImmutableArray<Privacy.ConsentScope> Scopes, string? Note) : CaseEvent;

/// <summary>The person approved that <see cref="UserId"/> sees their health details.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.HealthAccessApproved")]
public sealed record HealthAccessApproved(string UserId) : CaseEvent;

/// <summary><see cref="UserId"/> no longer sees the person's health details (unless a health member).</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.HealthAccessRevoked")]
public sealed record HealthAccessRevoked(string UserId) : CaseEvent;


/// <summary>The case learned from <see cref="UnitId"/> whether <see cref="UserId"/> works there (<see cref="IsStaff"/>).</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.StaffingChanged")]
public sealed record StaffingChanged(string UserId, string UnitId, bool IsStaff) : CaseEvent;

/// <summary>
/// The accountable owner of <see cref="Subject"/> can no longer act (<see cref="Cause"/>): the responsibility is flagged
/// and escalated (<see cref="EscalationId"/>, the event that follows) to the leaders of <see cref="UnitId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ResponsibilityOrphaned")]
public sealed record ResponsibilityOrphaned(string Subject, string OwnerId, string UnitId, OrphanCause Cause, string? EscalationId) : CaseEvent;

/// <summary>The flag on <see cref="Subject"/> is gone: it has an owner who can act again (handed over, overridden, or the cause went away).</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.OrphanResolved")]
public sealed record OrphanResolved(string Subject, string OwnerId) : CaseEvent;

/// <summary>The clock recorded that a proposal was not answered by <see cref="Due"/>; an escalation follows.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ProposalAnswerMissed")]
public sealed record ProposalAnswerMissed(string ProposalId, DateOnly Due) : CaseEvent;

/// <summary>A scheduled meeting's invitation went out (again): to <see cref="Invitees"/>, at a place or by video link.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MeetingInvitationSent")]
public sealed record MeetingInvitationSent(string MeetingId, ImmutableArray<string> Invitees, string? Place, string? VideoLink, string? ChairId) : CaseEvent;

/// <summary>A member sent apologies (forfall) for a meeting.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ApologyRecorded")]
public sealed record ApologyRecorded(string MeetingId, string UserId) : CaseEvent;

/// <summary>A guest who is not a member took part in the open meeting.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MeetingGuestAdded")]
public sealed record MeetingGuestAdded(string MeetingId, string GuestId, string Name, GuestRole Role) : CaseEvent;

/// <summary>A closed meeting's minutes were approved and sent to <see cref="SentTo"/>: the members and the person.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.MinutesApproved")]
public sealed record MinutesApproved(string MeetingId, ImmutableArray<string> SentTo) : CaseEvent;

/// <summary>A step of the application <see cref="MeasureId"/> was recorded.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ApplicationStepRecorded")]
public sealed record ApplicationStepRecorded(
    string MeasureId, ApplicationStep Step, DateOnly? Date, ApplicationKind Kind, string? Partner, string? Note) : CaseEvent;

/// <summary>The agencies the person does not share their plan's details with are now <see cref="NotSharedWith"/> (empty: all of them share).</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.SharingLimited")]
public sealed record SharingLimited(ImmutableArray<Agency> NotSharedWith, string? Note) : CaseEvent;

/// <summary>The clock recorded that consent to <see cref="Scopes"/> ended on <see cref="Until"/>, the end date it was given with.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ConsentExpired")]
public sealed record ConsentExpired(ImmutableArray<Privacy.ConsentScope> Scopes, DateOnly Until) : CaseEvent;

/// <summary>A member asked <see cref="From"/> for information about the person (<see cref="What"/>), under the person's consent to obtain it.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.InformationRequested")]
public sealed record InformationRequested(Agency From, string What) : CaseEvent;

/// <summary>
/// A member recorded the person's consent to <see cref="Scopes"/> on the person's word (until <see cref="Until"/> when
/// given with an end date): it waits for the person's confirmation (or a second member's) before it takes effect.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.ConsentRequested")]
public sealed record ConsentRequested(string RequestId, System.Collections.Immutable.ImmutableArray<Privacy.ConsentScope> Scopes, string? Note, DateOnly? Until = null) : CaseEvent;

/// <summary>
/// A member recorded, on the person's word, that <see cref="UserId"/> may see the person's health details: it waits for
/// the person's confirmation (or a second member's) before it takes effect.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.HealthAccessRequested")]
public sealed record HealthAccessRequested(string RequestId, string UserId) : CaseEvent;

/// <summary>The person (or a second member) confirmed the request; the consent or approval it asked for follows.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.PrivacyRequestConfirmed")]
public sealed record PrivacyRequestConfirmed(string RequestId) : CaseEvent;

/// <summary>The request was rejected (by the person, or taken back by who recorded it), or dropped by a withdrawal: nothing took effect.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.ev.PrivacyRequestRejected")]
public sealed record PrivacyRequestRejected(string RequestId, string? Note) : CaseEvent;
