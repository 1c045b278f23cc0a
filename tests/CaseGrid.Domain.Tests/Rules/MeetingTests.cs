using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

/// <summary>
/// Live meetings of the ansvarsgruppe (domain §10): scheduled and opened by the agencies, attended in the room or
/// remote, minutes co-edited against their version, every decision a measure with an owner and a date, and closed as
/// a group meeting held — which gives a handover's receiver who attended the overlap it needs.
/// </summary>
public sealed class MeetingTests
{
    /// <summary>The standard case with a NAV advisor and a municipal caseworker in the group.</summary>
    internal static CaseScenario Group()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);
        scenario.Join(Cast.Caseworker);
        return scenario;
    }

    private static string Schedule(CaseScenario scenario, string title = "Ansvarsgruppemøte", string by = Cast.Kontaktbetjent) =>
        Assert.IsType<MeetingScheduled>(Assert.Single(scenario.Accepts(by, new ScheduleMeeting(scenario.Now.AddHours(2), title)))).MeetingId;

    /// <summary>A meeting under way, with the next one booked (as it must be before this one closes).</summary>
    private static (CaseScenario Scenario, string MeetingId) Opened()
    {
        var scenario = Group();
        var id = Schedule(scenario);
        scenario.Accepts(Cast.Kontaktbetjent, new OpenMeeting(id));
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(14), "Neste ansvarsgruppemøte"));
        return (scenario, id);
    }

    private static Meeting MeetingOf(CaseScenario scenario, string id) => scenario.Case.Meetings[id];

    [Fact]
    public void ScheduleMeeting_IsScheduled_WithTheAgendaFromTheStart_WhenNoMeetingHasClosed()
    {
        var scenario = Group();

        var id = Schedule(scenario, "Første møte");

        var meeting = MeetingOf(scenario, id);
        Assert.Equal((MeetingStatus.Scheduled, "Første møte", 0L), (meeting.Status, meeting.Title, meeting.AgendaFromVersion));
        Assert.Equal(scenario.Now.AddHours(2), meeting.ScheduledFor);
        Assert.Empty(meeting.Attendees);
        Assert.Empty(meeting.Decisions);
        Assert.Null(scenario.Case.MeetingInProgress);
    }

    [Fact]
    public void Text_WithANulCharacter_IsRefused_AsPostgreSqlCannotStoreIt()
    {
        var scenario = Group();

        scenario.Refuses(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(1), "Møte\0"), ErrorKind.BadRequest, "text.invalid");
        Assert.Empty(scenario.Case.Meetings);
    }

    [Fact]
    public void ScheduleMeeting_IsRefused_InThePast_AndWithoutATitle()
    {
        var scenario = Group();

        scenario.Refuses(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(-1), "For sent"), ErrorKind.Unprocessable, "meeting.in-past");
        scenario.Refuses(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(1), " "), ErrorKind.BadRequest, "text.required");
        scenario.Refuses(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(1), new string('x', CaseDecider.MaxName + 1)), ErrorKind.BadRequest, "text.too-long");
        Assert.Empty(scenario.Case.Meetings);
    }

    [Fact]
    public void EveryMeetingCommand_IsForbidden_ForSomeoneNotInTheGroup_AndForAFormerMember()
    {
        var (scenario, id) = Opened();
        scenario.Accepts(Cast.Kontaktbetjent, new EndMembership(Cast.Caseworker, null));
        scenario.AdvanceDays(1);
        var minutesVersion = MeetingOf(scenario, id).MinutesVersion;

        CaseCommand[] commands =
        [
            new ScheduleMeeting(scenario.Now.AddDays(7), "Neste møte"),
            new OpenMeeting(id),
            new RecordAttendance(id, Cast.Kontaktbetjent, Attendance.Physical),
            new EditMinutes(id, minutesVersion, "Referat"),
            new RecordDecision(id, "Søknad om bolig", ["housing"], Cast.Kontaktbetjent, scenario.Today.AddDays(14)),
            new CloseMeeting(id),
            new CancelMeeting(id, "Ingen kom"),
        ];
        foreach (var command in commands)
        {
            scenario.Refuses(Cast.Stranger, command, ErrorKind.Forbidden, "case.not-member");
            scenario.Refuses(Cast.Caseworker, command, ErrorKind.Forbidden, "case.not-member");
        }
    }

    [Fact]
    public void OpenMeeting_IsRefused_WhileAnotherMeetingIsOpen_AndAllowedOnceItCloses()
    {
        var (scenario, first) = Opened();
        var second = Schedule(scenario, "Neste møte");

        scenario.Refuses(Cast.NavAdvisor, new OpenMeeting(second), ErrorKind.Conflict, "meeting.another-open");
        scenario.Refuses(Cast.Kontaktbetjent, new OpenMeeting(first), ErrorKind.Conflict, "meeting.already-open");
        Assert.Equal(first, scenario.Case.MeetingInProgress?.MeetingId);

        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(first, Cast.Kontaktbetjent, Attendance.Physical));
        scenario.Accepts(Cast.Kontaktbetjent, new CloseMeeting(first));
        scenario.Accepts(Cast.NavAdvisor, new OpenMeeting(second));

        Assert.Equal(second, scenario.Case.MeetingInProgress?.MeetingId);
        Assert.Empty(CaseInvariants.Violations(scenario.Case, scenario.Today));
    }

    [Fact]
    public void OpeningAndClosing_AreForbidden_ForThePerson()
    {
        var scenario = Group();
        var id = Schedule(scenario);

        scenario.Refuses(Cast.Person, new OpenMeeting(id), ErrorKind.Forbidden, "meeting.person");
        scenario.Accepts(Cast.Caseworker, new OpenMeeting(id));
        scenario.Accepts(Cast.Person, new RecordAttendance(id, Cast.Person, Attendance.Physical));
        scenario.Refuses(Cast.Person, new CloseMeeting(id), ErrorKind.Forbidden, "meeting.person");
        scenario.Refuses(Cast.Person, new CancelMeeting(id, "Jeg vil ikke"), ErrorKind.Forbidden, "meeting.person");
    }

    [Fact]
    public void RecordAttendance_InTheRoomOrRemote_AndRecordingAgainChangesTheMode()
    {
        var (scenario, id) = Opened();

        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.Kontaktbetjent, Attendance.Physical));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.NavAdvisor, Attendance.Digital));
        var events = scenario.Accepts(Cast.NavAdvisor, new RecordAttendance(id, Cast.NavAdvisor, Attendance.Physical));

        Assert.Equal(new AttendanceRecorded(id, Cast.NavAdvisor, Attendance.Physical), Assert.Single(events));
        Assert.Equal([new Attendee(Cast.Kontaktbetjent, Attendance.Physical), new Attendee(Cast.NavAdvisor, Attendance.Physical)], MeetingOf(scenario, id).Attendees.ToArray());

        var version = scenario.Case.Version;
        Assert.Empty(scenario.Accepts(Cast.NavAdvisor, new RecordAttendance(id, Cast.NavAdvisor, Attendance.Physical)));
        Assert.Equal(version, scenario.Case.Version);
    }

    [Fact]
    public void ThePerson_RecordsTheirOwnAttendance_ButNotSomeoneElses()
    {
        var (scenario, id) = Opened();

        scenario.Accepts(Cast.Person, new RecordAttendance(id, Cast.Person, Attendance.Digital));
        scenario.Refuses(Cast.Person, new RecordAttendance(id, Cast.NavAdvisor, Attendance.Physical), ErrorKind.Forbidden, "meeting.person-self-only");

        Assert.Equal([new Attendee(Cast.Person, Attendance.Digital)], MeetingOf(scenario, id).Attendees.ToArray());
    }

    [Fact]
    public void RecordAttendance_IsRefused_ForANonMember_AnUnknownMode_AndBeforeTheMeetingOpens()
    {
        var (scenario, id) = Opened();
        var scheduled = Schedule(scenario, "Neste møte");

        scenario.Refuses(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.FriomsorgOfficer, Attendance.Physical), ErrorKind.Unprocessable, "meeting.attendee-not-member");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.NavAdvisor, (Attendance)7), ErrorKind.BadRequest, "attendance.invalid");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordAttendance(scheduled, Cast.NavAdvisor, Attendance.Physical), ErrorKind.Conflict, "meeting.not-open");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordAttendance("meeting-nope", Cast.NavAdvisor, Attendance.Physical), ErrorKind.NotFound, "meeting.not-found");
        Assert.Empty(MeetingOf(scenario, id).Attendees);
    }

    [Fact]
    public void EditMinutes_AgainstAStaleVersion_IsRefusedWithTheCurrentMinutes()
    {
        var (scenario, id) = Opened();
        var read = MeetingOf(scenario, id).MinutesVersion;
        scenario.Accepts(Cast.NavAdvisor, new EditMinutes(id, read, "Lars ønsker egen leilighet."));
        var written = MeetingOf(scenario, id).MinutesVersion;

        var error = scenario.Refuses(Cast.Caseworker, new EditMinutes(id, read, "Bolig drøftet."), ErrorKind.Conflict, "version.stale");

        Assert.Equal(written, error.CurrentVersion);
        var current = Assert.IsType<Meeting>(error.Current);
        Assert.Equal("Lars ønsker egen leilighet.", current.Minutes);
        scenario.Accepts(Cast.Caseworker, new EditMinutes(id, current.MinutesVersion, current.Minutes + "\nBolig drøftet."));
        Assert.Equal("Lars ønsker egen leilighet.\nBolig drøftet.", MeetingOf(scenario, id).Minutes);
    }

    [Fact]
    public void EditMinutes_DoesNotConflict_WithAttendanceOrDecisionsRecordedMeanwhile()
    {
        var (scenario, id) = Opened();
        var read = MeetingOf(scenario, id).MinutesVersion;

        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.Person, Attendance.Physical));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordDecision(id, "Søknad om kommunal bolig", ["housing"], Cast.Caseworker, scenario.Today.AddDays(30)));
        var events = scenario.Accepts(Cast.Person, new EditMinutes(id, read, "Lars var med i rommet."));

        Assert.Equal(new MinutesEdited(id, "Lars var med i rommet."), Assert.Single(events));
        Assert.Equal(scenario.Case.Version, MeetingOf(scenario, id).MinutesVersion);
    }

    [Fact]
    public void EditMinutes_IsRefused_WhenTooLong_OrBeforeTheMeetingOpens()
    {
        var (scenario, id) = Opened();
        var scheduled = Schedule(scenario, "Neste møte");

        scenario.Refuses(Cast.NavAdvisor, new EditMinutes(id, MeetingOf(scenario, id).MinutesVersion, new string('x', CaseDecider.MaxMinutes + 1)), ErrorKind.BadRequest, "text.too-long");
        scenario.Refuses(Cast.NavAdvisor, new EditMinutes(scheduled, MeetingOf(scenario, scheduled).MinutesVersion, "For tidlig"), ErrorKind.Conflict, "meeting.not-open");
        Assert.Null(MeetingOf(scenario, id).Minutes);
    }

    [Fact]
    public void RecordDecision_BecomesAMeasure_WithItsOwnerAndDate_InOneCommand()
    {
        var (scenario, id) = Opened();
        var due = scenario.Today.AddDays(30);

        var events = scenario.Accepts(Cast.NavAdvisor, new RecordDecision(id, "Søknad om kommunal bolig", ["housing", "income-debt"], Cast.Caseworker, due));

        Assert.Equal(2, events.Length);
        var decided = Assert.IsType<DecisionRecorded>(events[0]);
        var added = Assert.IsType<MeasureAdded>(events[1]);
        Assert.Equal(decided.MeasureId, added.MeasureId);
        var measure = scenario.Case.Measures[decided.MeasureId];
        Assert.Equal(("Søknad om kommunal bolig", Cast.Caseworker, (DateOnly?)due, MeasureStatus.Proposed), (measure.What, measure.OwnerId, measure.Due, measure.Status));
        Assert.Equal(["housing", "income-debt"], measure.NeedCodes.ToArray());
        Assert.Equal(new MeetingDecision(decided.DecisionId, "Søknad om kommunal bolig", measure.MeasureId), Assert.Single(MeetingOf(scenario, id).Decisions));
        Assert.Contains($"measure '{measure.MeasureId}'", CaseDecider.ResponsibilitiesHeldBy(scenario.Case, Cast.Caseworker));
    }

    [Fact]
    public void RecordDecision_MayMakeThePersonTheOwner_AsAMeasureMay()
    {
        var (scenario, id) = Opened();

        scenario.Accepts(Cast.Person, new RecordDecision(id, "Jeg søker på sveisekurs", ["work"], Cast.Person, scenario.Today.AddDays(10)));

        Assert.Equal(Cast.Person, Assert.Single(scenario.Case.Measures.Values).OwnerId);
    }

    [Fact]
    public void RecordDecision_IsRefused_WithoutADate_OrAnOwnerWhoCanCarryItOut()
    {
        var (scenario, id) = Opened();
        scenario.Accepts(Cast.Caseworker, new EndMembership(Cast.Caseworker, scenario.Today.AddDays(5)));
        RecordDecision Decide(string owner, DateOnly? due, string text = "Søknad om bolig", string[]? needs = null) =>
            new(id, text, [.. needs ?? ["housing"]], owner, due);

        scenario.Refuses(Cast.NavAdvisor, Decide(Cast.NavAdvisor, null), ErrorKind.BadRequest, "decision.due-required");
        scenario.Refuses(Cast.NavAdvisor, Decide(Cast.NavAdvisor, scenario.Today.AddDays(-1)), ErrorKind.Unprocessable, "decision.due-in-past");
        scenario.Refuses(Cast.NavAdvisor, Decide(Cast.FriomsorgOfficer, scenario.Today), ErrorKind.Unprocessable, "measure.owner-not-member");
        scenario.Refuses(Cast.NavAdvisor, Decide(Cast.Caseworker, scenario.Today), ErrorKind.Unprocessable, "measure.owner-not-member");
        scenario.Refuses(Cast.NavAdvisor, Decide(Cast.NavAdvisor, scenario.Today, needs: []), ErrorKind.Unprocessable, "measure.needs-required");
        scenario.Refuses(Cast.NavAdvisor, Decide(Cast.NavAdvisor, scenario.Today, text: ""), ErrorKind.BadRequest, "text.required");
        scenario.Refuses(Cast.NavAdvisor, Decide(Cast.NavAdvisor, scenario.Today, text: new string('x', CaseDecider.MaxText + 1)), ErrorKind.BadRequest, "text.too-long");
        Assert.Empty(scenario.Case.Measures);
        Assert.Empty(MeetingOf(scenario, id).Decisions);
    }

    [Fact]
    public void CloseMeeting_RecordsAGroupMeetingHeldByItsAttendees_AndTheNextAgendaStartsAfterIt()
    {
        var (scenario, id) = Opened();
        var next = Schedule(scenario, "Neste møte");
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.Kontaktbetjent, Attendance.Physical));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.Person, Attendance.Digital));

        var events = scenario.Accepts(Cast.NavAdvisor, new CloseMeeting(id));

        var encounter = Assert.IsType<EncounterRecorded>(events[0]).Encounter;
        var closed = Assert.IsType<MeetingClosed>(events[^1]);
        Assert.Equal((EncounterKind.GroupMeeting, scenario.Today, encounter.EncounterId), (encounter.Kind, encounter.Date, closed.EncounterId));
        Assert.Equal([new Attendee(Cast.Kontaktbetjent, Attendance.Physical), new Attendee(Cast.Person, Attendance.Digital)], encounter.Attendees.ToArray());
        Assert.Contains(encounter, scenario.Case.Encounters);
        var meeting = MeetingOf(scenario, id);
        Assert.Equal((MeetingStatus.Closed, scenario.Case.Version, (DateTimeOffset?)scenario.Now), (meeting.Status, meeting.ClosedAtVersion!.Value, meeting.ClosedAt));
        Assert.Equal(scenario.Case.Version, MeetingOf(scenario, next).AgendaFromVersion);
        Assert.Equal(scenario.Case.Version, MeetingOf(scenario, Schedule(scenario, "Enda et møte")).AgendaFromVersion);
        Assert.Null(scenario.Case.MeetingInProgress);
    }

    [Fact]
    public void CloseMeeting_IsRefused_UntilSomeoneIsRecordedAsPresent()
    {
        var (scenario, id) = Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new CloseMeeting(id), ErrorKind.Unprocessable, "meeting.attendance-required");
        Assert.Equal(MeetingStatus.Open, MeetingOf(scenario, id).Status);
    }

    [Fact]
    public void AClosedMeeting_NeverChangesAgain()
    {
        var (scenario, id) = Opened();
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.Kontaktbetjent, Attendance.Physical));
        scenario.Accepts(Cast.Kontaktbetjent, new CloseMeeting(id));
        var minutesVersion = MeetingOf(scenario, id).MinutesVersion;

        // The minutes are finished after the meeting, until they are approved and sent.
        scenario.Accepts(Cast.Kontaktbetjent, new EditMinutes(id, minutesVersion, "Ettertanke"));
        scenario.Accepts(Cast.Kontaktbetjent, new ApproveMinutes(id));
        minutesVersion = MeetingOf(scenario, id).MinutesVersion;

        scenario.Refuses(Cast.Kontaktbetjent, new OpenMeeting(id), ErrorKind.Conflict, "meeting.finished");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.NavAdvisor, Attendance.Physical), ErrorKind.Conflict, "meeting.finished");
        scenario.Refuses(Cast.Kontaktbetjent, new EditMinutes(id, minutesVersion, "Enda en tanke"), ErrorKind.Conflict, "meeting.finished");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordDecision(id, "Noe mer", ["housing"], Cast.Kontaktbetjent, scenario.Today), ErrorKind.Conflict, "meeting.finished");
        scenario.Refuses(Cast.Kontaktbetjent, new CloseMeeting(id), ErrorKind.Conflict, "meeting.finished");
        scenario.Refuses(Cast.Kontaktbetjent, new CancelMeeting(id, "Likevel ikke"), ErrorKind.Conflict, "meeting.finished");
    }

    [Fact]
    public void CancelMeeting_NeedsAReason_LeavesTheAgendaToTheNextMeeting_AndIsFinal()
    {
        var scenario = Group();
        var id = Schedule(scenario);

        scenario.Refuses(Cast.NavAdvisor, new CancelMeeting(id, " "), ErrorKind.Unprocessable, "meeting.reason-required");
        scenario.Accepts(Cast.NavAdvisor, new CancelMeeting(id, "Lars er syk"));

        var meeting = MeetingOf(scenario, id);
        Assert.Equal((MeetingStatus.Cancelled, "Lars er syk"), (meeting.Status, meeting.CancelReason));
        Assert.Equal(0, MeetingOf(scenario, Schedule(scenario, "Nytt forsøk")).AgendaFromVersion);
        scenario.Refuses(Cast.NavAdvisor, new OpenMeeting(id), ErrorKind.Conflict, "meeting.finished");
    }

    [Fact]
    public void CancelMeeting_IsRefused_OnceTheMeetingHasMadeDecisions()
    {
        var (scenario, id) = Opened();
        scenario.Accepts(Cast.NavAdvisor, new RecordDecision(id, "Søknad om bostøtte", ["income-debt"], Cast.NavAdvisor, scenario.Today.AddDays(7)));

        scenario.Refuses(Cast.Kontaktbetjent, new CancelMeeting(id, "Feil møte"), ErrorKind.Conflict, "meeting.has-decisions");

        var other = Schedule(scenario, "Neste");
        scenario.Accepts(Cast.Kontaktbetjent, new CancelMeeting(other, "Dobbeltbooket"));
        Assert.Equal(MeetingStatus.Cancelled, MeetingOf(scenario, other).Status);
    }

    [Fact]
    public void ClosingAMeetingTheReceiverAttended_EstablishesTheOverlap_SoTheHandoverCanComplete()
    {
        var scenario = Group();
        scenario.Join(Cast.Kontaktbetjent2);
        scenario.Identify("housing", Cast.Kontaktbetjent2);
        scenario.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Friomsorg, null, scenario.Today.AddDays(3), "Løslatelse på prøve"));
        var handover = scenario.LastHandoverId;
        scenario.Accepts(Cast.FriomsorgOfficer, new AcceptHandover(handover));
        scenario.AdvanceDays(1);
        var id = Schedule(scenario);
        Schedule(scenario, "Neste møte");
        scenario.Accepts(Cast.Kontaktbetjent, new OpenMeeting(id));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.Kontaktbetjent2, Attendance.Physical));
        scenario.Accepts(Cast.FriomsorgOfficer, new RecordAttendance(id, Cast.FriomsorgOfficer, Attendance.Digital));
        scenario.AdvanceDays(2);
        scenario.Refuses(Cast.FriomsorgOfficer, new CompleteHandover(handover), ErrorKind.Conflict, "handover.no-overlap");

        var events = scenario.Accepts(Cast.Kontaktbetjent, new CloseMeeting(id));

        var encounter = Assert.IsType<EncounterRecorded>(events[0]).Encounter;
        Assert.Equal(new OverlapEstablished(handover, encounter.EncounterId), events[1]);
        Assert.IsType<MeetingClosed>(events[2]);
        Assert.True(scenario.Case.Handovers[handover].OverlapMet);
        scenario.Accepts(Cast.FriomsorgOfficer, new CompleteHandover(handover));
        Assert.Equal(Cast.FriomsorgOfficer, scenario.Case.OwnerOf("housing"));
    }

    [Fact]
    public void ClosingAMeeting_DoesNotEstablishTheOverlap_ForAReceiverWhoWasNotThere_OrAcceptedOnlyAfterItOpened()
    {
        var scenario = Group();
        scenario.Join(Cast.Kontaktbetjent2);
        scenario.Identify("housing", Cast.Kontaktbetjent2);
        scenario.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Friomsorg, null, scenario.Today, null));
        var handover = scenario.LastHandoverId;
        scenario.Accepts(Cast.FriomsorgOfficer, new AcceptHandover(handover));
        var absent = Schedule(scenario);
        var late = Schedule(scenario, "Over to dager");
        scenario.Accepts(Cast.Kontaktbetjent, new OpenMeeting(absent));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(absent, Cast.Kontaktbetjent2, Attendance.Physical));

        Assert.DoesNotContain(scenario.Accepts(Cast.Kontaktbetjent, new CloseMeeting(absent)), e => e is OverlapEstablished);

        // A meeting counts for the day it opened: a receiver who accepted only the day after met the group before accepting.
        scenario.Accepts(Cast.Kontaktbetjent2, new WithdrawHandover(handover, "Ny plan"));
        scenario.Accepts(Cast.Kontaktbetjent, new OpenMeeting(late));
        Schedule(scenario, "Neste møte");
        scenario.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Friomsorg, null, scenario.Today, null));
        scenario.AdvanceDays(1);
        scenario.Accepts(Cast.FriomsorgOfficer, new AcceptHandover(scenario.LastHandoverId));
        scenario.Accepts(Cast.FriomsorgOfficer, new RecordAttendance(late, Cast.FriomsorgOfficer, Attendance.Physical));

        Assert.DoesNotContain(scenario.Accepts(Cast.Kontaktbetjent, new CloseMeeting(late)), e => e is OverlapEstablished);
        Assert.False(scenario.Case.Handovers[scenario.LastHandoverId].OverlapMet);
    }

    [Fact]
    public void Invariants_CatchTwoOpenMeetings()
    {
        var (scenario, id) = Opened();
        var open = MeetingOf(scenario, id);
        var broken = scenario.Case with { Meetings = scenario.Case.Meetings.Add("meeting-twin", open with { MeetingId = "meeting-twin" }) };

        Assert.Empty(CaseInvariants.Violations(scenario.Case, scenario.Today));
        Assert.Contains("2 meetings are open at once.", CaseInvariants.Violations(broken, scenario.Today));
    }

    [Fact]
    public void MeetingEvents_SurviveAJsonRoundTrip_AndReplayToTheSameState()
    {
        var (scenario, id) = Opened();
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.Kontaktbetjent, Attendance.Physical));
        scenario.Accepts(Cast.Kontaktbetjent, new EditMinutes(id, MeetingOf(scenario, id).MinutesVersion, "Referat"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordDecision(id, "Søknad om bolig", ["housing"], Cast.Caseworker, scenario.Today.AddDays(9)));
        var scheduled = Schedule(scenario, "Neste");
        scenario.Accepts(Cast.Kontaktbetjent, new CloseMeeting(id));
        scenario.Accepts(Cast.Kontaktbetjent, new CancelMeeting(scheduled, "Flyttet"));

        var read = StateJson.Deserialize<List<CaseEventRecord>>(StateJson.Serialize(scenario.Log.ToList()));

        Assert.NotNull(read);
        Assert.Equal(StateJson.Canonical(scenario.Case), StateJson.Canonical(CaseEvolver.Replay(read)));
        Assert.Equal(StateJson.Canonical(scenario.Case), StateJson.Canonical(CaseEvolver.Replay(scenario.Log)));
    }
}
