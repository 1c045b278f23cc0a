using System.Collections.Immutable;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Contracts.Cases;

// The commands a case accepts form one closed hierarchy, kept together in this file so the whole
// command surface of a case reads in one place. Each is validated by the case domain before any event.

/// <summary>A request to change a case. Accepted commands produce events; refused ones change nothing.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.CaseCommand")]
public abstract record CaseCommand;

/// <summary>Open a case for a person at a unit. The actor must work at that unit and becomes the coordinator.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.OpenCase")]
public sealed record OpenCase(
    PersonRef Person, CasePhase Phase, string UnitId, HomeMunicipality Home, KeyDates Dates, MemberRole CreatorRole) : CaseCommand;

/// <summary>Set the key dates; <see cref="ExpectedVersion"/> guards against overwriting a newer change.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.SetKeyDates")]
public sealed record SetKeyDates(KeyDates Dates, long? ExpectedVersion) : CaseCommand;

/// <summary>
/// Move the case to another phase. Leaving prison for <see cref="CasePhase.Community"/> or <see cref="CasePhase.Released"/>
/// is a release in <see cref="Form"/> (parole, electronic monitoring, community serving; full-time release when null into
/// <see cref="CasePhase.Released"/>) and must pass the release gate.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.ChangePhase")]
public sealed record ChangePhase(CasePhase Phase, ReleaseForm? Form = null) : CaseCommand;

/// <summary>Transfer the case to another unit; the plan and the group travel with it.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.MoveCase")]
public sealed record MoveCase(string ToUnitId) : CaseCommand;

/// <summary>Record the receiving municipality and whether it is disputed.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.SetHomeMunicipality")]
public sealed record SetHomeMunicipality(HomeMunicipality Home) : CaseCommand;

/// <summary>Add a member to the ansvarsgruppe from <see cref="From"/> (today when null).</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.AddMember")]
public sealed record AddMember(string UserId, string DisplayName, MemberRole Role, Agency Agency, string? UnitId, DateOnly? From) : CaseCommand;

/// <summary>End a membership on <see cref="Until"/> (today when null). Refused while the member owns anything.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.EndMembership")]
public sealed record EndMembership(string UserId, DateOnly? Until) : CaseCommand;

/// <summary>Set or clear a member's deputy (reservekontaktperson).</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.SetDeputy")]
public sealed record SetDeputy(string UserId, string? DeputyUserId) : CaseCommand;

/// <summary>Identify a need in an area and name its one accountable owner.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.IdentifyNeed")]
public sealed record IdentifyNeed(string Code, string OwnerId, string? OwnWords, string? Assessment) : CaseCommand;

/// <summary>Change a need area's words, assessment or status.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.UpdateNeedArea")]
public sealed record UpdateNeedArea(string Code, long ExpectedVersion, string? OwnWords, string? Assessment, NeedStatus Status) : CaseCommand;

/// <summary>Add a supporting owner to a need area.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.AddSupportingOwner")]
public sealed record AddSupportingOwner(string Code, string UserId) : CaseCommand;

/// <summary>Remove a supporting owner from a need area.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RemoveSupportingOwner")]
public sealed record RemoveSupportingOwner(string Code, string UserId) : CaseCommand;

/// <summary>Add a goal to a need area.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.AddGoal")]
public sealed record AddGoal(string Code, string Text) : CaseCommand;

/// <summary>Change a goal.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.UpdateGoal")]
public sealed record UpdateGoal(string GoalId, long ExpectedVersion, string Text, bool Achieved) : CaseCommand;

/// <summary>
/// Add a measure answering one or more needs. With <see cref="ConditionalOnRelease"/> it is a conditional commitment
/// ("housing if released on D"): it re-opens when the expected release moves away from that date.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.AddMeasure")]
public sealed record AddMeasure(
    ImmutableArray<string> NeedCodes, string What, string? Why, string OwnerId, DateOnly? Due, string? Requirements,
    DateOnly? ConditionalOnRelease = null) : CaseCommand;

/// <summary>Change a measure's content or owner.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.UpdateMeasure")]
public sealed record UpdateMeasure(
    string MeasureId, long ExpectedVersion, ImmutableArray<string> NeedCodes, string What, string? Why, string OwnerId,
    DateOnly? Due, string? Requirements) : CaseCommand;

/// <summary>Move a measure along its lifecycle.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.ChangeMeasureStatus")]
public sealed record ChangeMeasureStatus(string MeasureId, long ExpectedVersion, MeasureStatus Status, string? Note) : CaseCommand;

/// <summary>
/// Record a step of a measure that is an application to a partner: <see cref="ApplicationStep.Planned"/> (with its
/// <see cref="Kind"/>), applied, granted or refused, appealed, decided on appeal, each with its <see cref="Date"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RecordApplicationStep")]
public sealed record RecordApplicationStep(
    string MeasureId, ApplicationStep Step, DateOnly? Date, ApplicationKind? Kind, string? Partner, string? Note) : CaseCommand;

/// <summary>Make a proposal (innspill); it gets an answer date from the rule set.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.SubmitProposal")]
public sealed record SubmitProposal(string? NeedCode, string Text) : CaseCommand;

/// <summary>Answer a proposal; adopting it creates a measure owned by <see cref="MeasureOwnerId"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.AnswerProposal")]
public sealed record AnswerProposal(string ProposalId, bool Adopt, string Answer, string? MeasureOwnerId, DateOnly? Due) : CaseCommand;

/// <summary>Record the person's answer to the plan as it stands at <see cref="PlanVersion"/>.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RecordAgreement")]
public sealed record RecordAgreement(long PlanVersion, AgreementAnswer Answer, string? Comment) : CaseCommand;

/// <summary>Record a group meeting held or a contact with the person.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RecordEncounter")]
public sealed record RecordEncounter(EncounterKind Kind, DateOnly Date, ImmutableArray<Attendee> Attendees, string? Summary) : CaseCommand;

/// <summary>Offer a responsibility to a unit, or to a named person at that unit, from a planned date.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.OfferHandover")]
public sealed record OfferHandover(string Subject, string ToUnitId, string? ToUserId, DateOnly PlannedDate, string? Note) : CaseCommand;

/// <summary>Accept a handover offered to the actor or the actor's unit.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.AcceptHandover")]
public sealed record AcceptHandover(string HandoverId) : CaseCommand;

/// <summary>Decline a handover, with a reason; the sender stays owner and the case is escalated.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.DeclineHandover")]
public sealed record DeclineHandover(string HandoverId, string Reason) : CaseCommand;

/// <summary>Complete an accepted handover once the overlap holds and the planned date has come.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.CompleteHandover")]
public sealed record CompleteHandover(string HandoverId) : CaseCommand;

/// <summary>Withdraw a handover the actor offered, with a reason.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.WithdrawHandover")]
public sealed record WithdrawHandover(string HandoverId, string Reason) : CaseCommand;

/// <summary>A unit leader moves a responsibility directly, with a reason. Audited; cancels an open handover.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.OverrideResponsibility")]
public sealed record OverrideResponsibility(string Subject, string ToUserId, string Reason) : CaseCommand;

/// <summary>
/// Book a meeting of the ansvarsgruppe. Any member may call one, the person included, and name who chairs it (the person
/// may). Given a <see cref="Place"/> or a <see cref="VideoLink"/> (and <see cref="Invitees"/>: every current member when
/// empty), the invitation goes out at once, as with <see cref="SendMeetingInvitation"/>. Its agenda is the changes since the
/// last meeting closed.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.ScheduleMeeting")]
public sealed record ScheduleMeeting(
    DateTimeOffset ScheduledFor, string Title, ImmutableArray<string>? Invitees = null, string? Place = null, string? VideoLink = null,
    string? ChairId = null) : CaseCommand;

/// <summary>
/// Send (or send again, changed) a scheduled meeting's invitation: <see cref="Invitees"/> (every current member when empty;
/// everyone delivering a measure must be among them; the person always is), a place or a video link, and the chair.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.SendMeetingInvitation")]
public sealed record SendMeetingInvitation(
    string MeetingId, ImmutableArray<string> Invitees, string? Place, string? VideoLink, string? ChairId) : CaseCommand;

/// <summary>Record that a member sends apologies (forfall) for a meeting not yet closed.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RecordApology")]
public sealed record RecordApology(string MeetingId, string UserId) : CaseCommand;

/// <summary>Put a guest who is not a member (interpreter, lawyer, family) on the open meeting's minutes; they get no access to the plan.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.AddMeetingGuest")]
public sealed record AddMeetingGuest(string MeetingId, string Name, Meetings.GuestRole Role) : CaseCommand;

/// <summary>Approve a closed meeting's minutes and send them to the members and the person; they no longer change.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.ApproveMinutes")]
public sealed record ApproveMinutes(string MeetingId) : CaseCommand;

/// <summary>Open a scheduled meeting; only one meeting of a case is open at a time.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.OpenMeeting")]
public sealed record OpenMeeting(string MeetingId) : CaseCommand;

/// <summary>Record that a member takes part in the open meeting, in the room or remote; recording again changes the mode.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RecordAttendance")]
public sealed record RecordAttendance(string MeetingId, string UserId, Attendance Attendance) : CaseCommand;

/// <summary>Replace the open meeting's minutes; <see cref="ExpectedVersion"/> is the minutes' version the edit was made on.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.EditMinutes")]
public sealed record EditMinutes(string MeetingId, long ExpectedVersion, string? Text) : CaseCommand;

/// <summary>Record a decision of the open meeting; it becomes a measure answering <see cref="NeedCodes"/>, owned by <see cref="OwnerId"/>, due on <see cref="Due"/> (required).</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RecordDecision")]
public sealed record RecordDecision(string MeetingId, string Text, ImmutableArray<string> NeedCodes, string OwnerId, DateOnly? Due) : CaseCommand;

/// <summary>
/// Close the open meeting: it counts as a group meeting held by those who attended, and the next agenda starts after it.
/// The next meeting must be booked first; only after release may a meeting close without one, with
/// <see cref="NoNextMeetingReason"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.CloseMeeting")]
public sealed record CloseMeeting(string MeetingId, string? NoNextMeetingReason = null) : CaseCommand;

/// <summary>Call off a scheduled meeting, or an open one with no decisions yet, with a reason.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.CancelMeeting")]
public sealed record CancelMeeting(string MeetingId, string Reason) : CaseCommand;

/// <summary>Record that a step of the pathway has happened (a needs conversation, the municipality contacted, …), on a day not in the future. Agency members only.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RecordMilestone")]
public sealed record RecordMilestone(MilestoneKind Kind, DateOnly Date, string? Note) : CaseCommand;

/// <summary>Confirm having seen the key dates as of <see cref="DatesVersion"/> (the case's current <c>DatesVersion</c>). By owners, members of the agencies and staff of receiving units.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.AcknowledgeKeyDates")]
public sealed record AcknowledgeKeyDates(long DatesVersion) : CaseCommand;

/// <summary>Let the case be marked released although the critical need area <see cref="Code"/> has no accepted owner outside the prison, for a reason. By a unit leader or the coordinator.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RecordReleaseException")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Domain word (domain.md §8: \"an exception with reason\"), not a System.Exception.")]
public sealed record RecordReleaseException(string Code, string Reason) : CaseCommand;

/// <summary>Tick off (or un-tick) a line of the first-days list, with a note.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.UpdateFirstDaysItem")]
public sealed record UpdateFirstDaysItem(string ItemId, bool Done, string? Note) : CaseCommand;

/// <summary>
/// Let time act on the case: record deadlines missed, handovers whose planned date passed and inactive owners since
/// the last evaluation. Accepted only from the system clock, never from a user.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.EvaluateTime")]
public sealed record EvaluateTime : CaseCommand;

/// <summary>
/// Record the person's consent for <see cref="Scopes"/> (added to what is in force). The person records it, and it takes
/// effect at once; the coordinator records it on the person's word (at the end of the needs conversation), and it waits
/// for the person's confirmation. With <see cref="Until"/> the scopes end after that day (the case's time evaluation
/// records it); without, they last until withdrawn. Recording a scope again sets its end anew.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RecordConsent")]
public sealed record RecordConsent(ImmutableArray<Privacy.ConsentScope> Scopes, string? Note, DateOnly? Until = null) : CaseCommand;

/// <summary>
/// The agencies the person does not share their plan's details with (domain §9: some agencies and not others); the
/// list replaces the one in force, empty to share with every agency in the group. Naming one more takes effect at once
/// and any member the person tells records it; sharing with one again is the person's own decision.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.LimitSharing")]
public sealed record LimitSharing(ImmutableArray<Groups.Agency> NotSharedWith, string? Note) : CaseCommand;

/// <summary>
/// A member asks another agency for information about the person (records, a decision, a journal note): allowed only
/// under the person's consent to obtain information (<see cref="Privacy.ConsentScope.ObtainInformation"/>), which is
/// separate from sharing; the request stands in the case's history.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RequestInformation")]
public sealed record RequestInformation(Groups.Agency From, string What) : CaseCommand;

/// <summary>Withdraw the person's consent for <see cref="Scopes"/> (all scopes when empty). Takes effect at once.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.WithdrawConsent")]
public sealed record WithdrawConsent(ImmutableArray<Privacy.ConsentScope> Scopes, string? Note) : CaseCommand;

/// <summary>
/// The person approves that a member outside the health services sees their health details; recorded by the coordinator
/// on the person's word, it waits for the person's confirmation. Nobody approves themselves.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.ApproveHealthAccess")]
public sealed record ApproveHealthAccess(string UserId) : CaseCommand;

/// <summary>The approval for a member to see health details ends. Takes effect at once.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RevokeHealthAccess")]
public sealed record RevokeHealthAccess(string UserId) : CaseCommand;


/// <summary>
/// Record an escalation as handled, with what was done. A leader of the unit it went to may; most escalations close by
/// themselves when the case removes their cause (the handover accepted, the responsibility overridden, the deadline met).
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.ResolveEscalation")]
public sealed record ResolveEscalation(string EscalationId, string Note) : CaseCommand;

/// <summary>
/// Confirm consent or a health-details approval someone recorded on the person's word: by the person, or by a second
/// member (neither the one who recorded it nor the one it approves). It then takes effect.
/// </summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.ConfirmPrivacyRequest")]
public sealed record ConfirmPrivacyRequest(string RequestId) : CaseCommand;

/// <summary>Reject consent or an approval recorded on the person's word: by the person, or taken back by who recorded it.</summary>
[GenerateSerializer, Immutable, Alias("casegrid.cmd.RejectPrivacyRequest")]
public sealed record RejectPrivacyRequest(string RequestId, string? Note) : CaseCommand;
