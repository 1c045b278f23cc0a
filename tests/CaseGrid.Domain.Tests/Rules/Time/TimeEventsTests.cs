using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using CaseGrid.Grains.Storage;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>The time events in the log: stored and read back exactly, older events still readable, and on the next agenda.</summary>
public sealed class TimeEventsTests
{
    public static TheoryData<CaseEvent> TimeEvents() =>
    [
        new MilestoneRecorded(MilestoneKind.NeedsConversation1, D("2026-03-04"), "Kartlagt"),
        new DeadlineMissed("needs-conversation-1", "2026.1", D("2026-03-09")),
        new HandoverPlannedDatePassed("handover-1"),
        new OwnerInactive("k-gro", "housing", 21),
        new ReleaseMovedEarlier(D("2026-07-06"), D("2026-06-15"), ReleaseDateKind.Expected),
        new KeyDatesAcknowledged(7, "k-bergen"),
        new ReleaseExceptionRecorded("housing", "Bor hos moren"),
        new CommitmentReopened("measure-1", D("2026-07-06"), null),
        new FirstDaysListCreated([new FirstDaysItem("sleep", "Hvor personen sover", false, null, null, 0)]),
        new FirstDaysItemUpdated("sleep", true, "Ok"),
        new EscalationRaised("esc-1", "deadline:release-meeting", "Frist passert", null, "p-bergen"),
        new MeasureAdded("measure-1", ["housing"], "Leilighet", null, "k-gro", null, null, D("2026-07-06")),
        new PhaseChanged(CasePhase.Community, CasePhase.Serving, ReleaseForm.ElectronicMonitoring),
        new StaffingChanged("k-gro", "k-bergen", false),
        new ResponsibilityOrphaned("housing", "k-gro", "k-bergen", OrphanCause.StaffRemoved, "esc-2"),
        new OrphanResolved("housing", "k-gro"),
        new ProposalSubmitted("proposal-1", "person-lars", "housing", "Bo nær søsteren", D("2026-03-09"), "2026.2"),
        new ProposalAnswerMissed("proposal-1", D("2026-03-09")),
        new MeetingScheduled("meeting-1", new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero), "Møte", ["kb-anna", "person-lars"], "Rom 2", "https://video.example/x", "person-lars"),
        new MeetingInvitationSent("meeting-1", ["kb-anna"], null, "https://video.example/x", null),
        new ApologyRecorded("meeting-1", "nav-jon"),
        new MeetingGuestAdded("meeting-1", "guest-1", "Amina Yusuf", GuestRole.Interpreter),
        new MeetingClosed("meeting-1", "enc-1", "Gruppen avsluttes"),
        new MinutesApproved("meeting-1", ["kb-anna", "person-lars"]),
        new ApplicationStepRecorded("measure-1", ApplicationStep.Refused, D("2026-03-20"), ApplicationKind.Housing, "Bergen kommune", "Saksnr. 1"),
        new HandoverOffered("handover-1", "coordinator", "kb-anna", "k-bergen", null, D("2026-07-06"), null, Contracts.Groups.Agency.Municipality),
    ];

    [Theory]
    [MemberData(nameof(TimeEvents))]
    public void TimeEvents_SurviveTheEventLogsJson(CaseEvent e)
    {
        var json = CaseEventJson.Serialize(e);
        var read = CaseEventJson.Deserialize(json);

        Assert.Equal(json, CaseEventJson.Serialize(read));
        Assert.Equal(e.GetType(), read.GetType());
    }

    [Fact]
    public void EventsWrittenBeforeTime_StillRead_WithTheNewPartsEmpty()
    {
        var measure = Assert.IsType<MeasureAdded>(CaseEventJson.Deserialize(
            """{"type":"measure-added","measureId":"m-1","needCodes":["housing"],"what":"Leilighet","why":null,"ownerId":"k-gro","due":null,"requirements":null}"""));
        var escalation = Assert.IsType<EscalationRaised>(CaseEventJson.Deserialize(
            """{"type":"escalation-raised","escalationId":"e-1","subject":"housing","reason":"Avslått","handoverId":"h-1"}"""));

        Assert.Null(measure.ConditionalOnRelease);
        Assert.Null(escalation.UnitId);
    }

    [Fact]
    public void EventsWrittenBeforeReleaseFormsInvitationsAndAgencies_StillRead_WithTheNewPartsEmpty()
    {
        var phase = Assert.IsType<PhaseChanged>(CaseEventJson.Deserialize("""{"type":"phase-changed","phase":"Community","previous":"Serving"}"""));
        var meeting = Assert.IsType<MeetingScheduled>(CaseEventJson.Deserialize(
            """{"type":"meeting-scheduled","meetingId":"m-1","scheduledFor":"2026-03-09T12:00:00+00:00","title":"Møte"}"""));
        var closed = Assert.IsType<MeetingClosed>(CaseEventJson.Deserialize("""{"type":"meeting-closed","meetingId":"m-1","encounterId":"e-1"}"""));
        var offered = Assert.IsType<HandoverOffered>(CaseEventJson.Deserialize(
            """{"type":"handover-offered","handoverId":"h-1","subject":"housing","fromUserId":"kb-anna","toUnitId":"k-bergen","toUserId":null,"plannedDate":"2026-07-06","note":null}"""));

        Assert.Null(phase.Form);
        Assert.Null(meeting.Invitees);
        Assert.Null(closed.NoNextMeetingReason);
        Assert.Null(offered.ToAgency);

        // Replayed, an old meeting reads as booked with no invitation, and an old move to the community as a release.
        var scenario = Opened();
        var at = scenario.Now;
        var state = CaseEvolver.Apply(scenario.Case, new CaseEventRecord(scenario.Case.CaseId, scenario.Case.Version + 1, Cast.Kontaktbetjent, null, at, meeting));
        state = CaseEvolver.Apply(state, new CaseEventRecord(scenario.Case.CaseId, state.Version + 1, Cast.Kontaktbetjent, null, at, phase));
        Assert.Empty(state.Meetings["m-1"].Invitees);
        Assert.Null(state.Meetings["m-1"].InvitedAt);
        Assert.Equal(scenario.Today, state.ReleasedOn);
    }

    [Fact]
    public void TheNextAgenda_NamesMilestones_MissedDeadlines_InactiveOwners_AndReleaseExceptions()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Identify("housing", Cast.Caseworker);
        var need = scenario.Case.NeedAreas["housing"];
        scenario.Accepts(Cast.Caseworker, new UpdateNeedArea("housing", need.Version, need.OwnWords, need.Assessment, NeedStatus.UnavailableCapacity));
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(14), "Neste møte"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.IntakeConversation, scenario.Today, null));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordReleaseException("substance-use", "Behandling avtalt direkte med klinikken"));
        scenario.AdvanceTo(D("2026-03-24"));
        scenario.Tick();

        var agenda = MeetingAgenda.Build(scenario.Case, scenario.Log).Select(i => (i.Kind, i.Summary)).ToList();

        Assert.Contains(("need", "Bolig: behov identifisert, ansvarlig Name of k-gro; oppdatert av Name of k-gro, status ikke tilgjengelig på grunn av kapasitet"), agenda);
        Assert.Contains(("milestone", "Innkomstsamtale registrert 2026-03-02"), agenda);
        Assert.Contains(("deadline", "Frist passert: Behovssamtale del 1 (frist 2026-03-09) – eskalert til leder"), agenda);
        Assert.Contains(("inactive", "Ingen aktivitet fra Name of k-gro på 22 dager (ansvarlig for Bolig)"), agenda);
        Assert.Contains(("exception", "Rus: unntak fra løslatelseskravet registrert"), agenda);
    }
}
