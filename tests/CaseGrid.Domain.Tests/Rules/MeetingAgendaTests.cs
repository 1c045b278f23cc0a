using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

/// <summary>
/// Every change, from the person or the group, goes on the next meeting's agenda (domain §5 item 10): the agenda is
/// the changes since the last meeting closed, one Norwegian line per changed item, in order.
/// </summary>
public sealed class MeetingAgendaTests
{
    /// <summary>The standard case with the municipality and NAV in the group, the debt need identified, and one meeting held.</summary>
    private static CaseScenario AfterAMeeting()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Join(Cast.NavAdvisor);
        scenario.Identify("income-debt", Cast.NavAdvisor);
        scenario.Accepts(Cast.Person, new SubmitProposal(null, "Jeg vil bo nær søsteren min"));
        var first = Schedule(scenario, "Første møte");
        scenario.Accepts(Cast.Kontaktbetjent, new OpenMeeting(first));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(first, Cast.Kontaktbetjent, Attendance.Physical));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(first, Cast.Person, Attendance.Physical));
        scenario.Accepts(Cast.NavAdvisor, new RecordDecision(first, "Gjeldsrådgivning", ["income-debt"], Cast.NavAdvisor, scenario.Today.AddDays(14)));
        Schedule(scenario, "Oppfølgingsmøte");
        scenario.Accepts(Cast.Kontaktbetjent, new CloseMeeting(first));
        scenario.AdvanceDays(1);
        return scenario;
    }

    private static string Schedule(CaseScenario scenario, string title = "Neste møte") =>
        Assert.IsType<MeetingScheduled>(Assert.Single(scenario.Accepts(scenario.Case.CoordinatorId, new ScheduleMeeting(scenario.Now.AddDays(1), title)))).MeetingId;

    /// <summary>The agenda of <paramref name="meetingId"/> as the case grain builds it: from the log after the meeting's agenda start.</summary>
    private static ImmutableArray<AgendaItem> AgendaOf(CaseScenario scenario, string meetingId)
    {
        var from = scenario.Case.Meetings[meetingId].AgendaFromVersion;
        return MeetingAgenda.Build(scenario.Case, scenario.Log.Where(r => r.Version > from));
    }

    [Fact]
    public void Agenda_ListsTheChangesSinceTheLastMeetingClosed_InOrder_AndNoEarlierOnes()
    {
        var scenario = AfterAMeeting();
        var closedAt = scenario.Case.Version;

        scenario.Identify("housing", Cast.Caseworker);
        scenario.Accepts(Cast.Caseworker, new AddMeasure(["housing"], "Søknad om kommunal bolig", null, Cast.Caseworker, new DateOnly(2026, 12, 1), null));
        scenario.Accepts(Cast.Person, new SubmitProposal("work", "Sveisekurs på Årstad"));
        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(scenario.Case.Dates with { ExpectedRelease = new DateOnly(2026, 6, 15) }, scenario.Case.DatesVersion));
        var next = Schedule(scenario);

        var agenda = AgendaOf(scenario, next);

        Assert.Equal(closedAt, scenario.Case.Meetings[next].AgendaFromVersion);
        Assert.Equal(
            [
                ("need", "Bolig: behov identifisert, ansvarlig Name of k-gro"),
                ("measure", "Nytt tiltak: Søknad om kommunal bolig (Name of k-gro, frist 2026-12-01)"),
                ("proposal", "Forslag fra Lars (Arbeid): Sveisekurs på Årstad"),
                ("dates", "Løslatelsesdato endret til 2026-06-15"),
            ],
            agenda.Select(i => (i.Kind, i.Summary)).ToArray());
        Assert.Equal([Cast.Kontaktbetjent, Cast.Caseworker, Cast.Person, Cast.Kontaktbetjent], agenda.Select(i => i.ActorId).ToArray());
        Assert.True(agenda.Select(i => i.Version).SequenceEqual(agenda.Select(i => i.Version).Order()));
        Assert.All(agenda, i => Assert.True(i.Version > closedAt));
        Assert.DoesNotContain(agenda, i => i.Summary.Contains("Økonomi", StringComparison.Ordinal) || i.Summary.Contains("Gjeldsrådgivning", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFirstMeeting_HasEverythingSinceTheCaseOpened_OnItsAgenda()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);
        scenario.Identify("income-debt", Cast.NavAdvisor);
        var first = Schedule(scenario, "Første møte");

        var agenda = AgendaOf(scenario, first);

        Assert.Equal(0, scenario.Case.Meetings[first].AgendaFromVersion);
        Assert.Equal(
            [
                "Sak opprettet for Lars, koordinator Name of kb-anna",
                "Nytt medlem: Lars (personen selv)",
                "Nytt medlem: Name of nav-jon (NAV)",
                "Økonomi og gjeld: behov identifisert, ansvarlig Name of nav-jon",
            ],
            agenda.Select(i => i.Summary).ToArray());
    }

    [Fact]
    public void SeveralEditsToTheSameNeedArea_MakeOneLine_NamingTheLatest()
    {
        var scenario = AfterAMeeting();
        var need = scenario.Case.NeedAreas["income-debt"];
        scenario.Accepts(Cast.NavAdvisor, new UpdateNeedArea("income-debt", need.Version, need.OwnWords, "Gjeld hos inkasso", NeedStatus.NeedIdentified));
        need = scenario.Case.NeedAreas["income-debt"];
        scenario.Accepts(Cast.NavAdvisor, new UpdateNeedArea("income-debt", need.Version, need.OwnWords, "Gjeld hos inkasso og Skatteetaten", NeedStatus.InProgress));
        scenario.Accepts(Cast.Kontaktbetjent, new AddGoal("work", "Fagbrev innen høsten"));
        need = scenario.Case.NeedAreas["income-debt"];
        scenario.Accepts(Cast.Kontaktbetjent, new UpdateNeedArea("income-debt", need.Version, need.OwnWords, need.Assessment, NeedStatus.Met));
        var next = Schedule(scenario);

        var agenda = AgendaOf(scenario, next);

        Assert.Equal(
            [
                ("goal", "Arbeid: nytt mål: Fagbrev innen høsten"),
                ("need", "Økonomi og gjeld: oppdatert 3 ganger, sist av Name of kb-anna, status dekket"),
            ],
            agenda.Select(i => (i.Kind, i.Summary)).ToArray());
        Assert.Equal(scenario.Case.NeedAreas["income-debt"].Version, agenda[^1].Version);
    }

    [Fact]
    public void ThePersonsOwnWords_AreOnTheAgenda_AsTheirChange()
    {
        var scenario = AfterAMeeting();
        var need = scenario.Case.NeedAreas["income-debt"];
        scenario.Accepts(Cast.Person, new UpdateNeedArea("income-debt", need.Version, "Jeg vil bli kvitt gjelda", need.Assessment, need.Status));

        var agenda = AgendaOf(scenario, Schedule(scenario));

        var item = Assert.Single(agenda);
        Assert.Equal(("Økonomi og gjeld: Lars har skrevet med egne ord", Cast.Person), (item.Summary, item.ActorId));
    }

    [Fact]
    public void AWholeHandover_IsOneLine_SayingWhereItEnded()
    {
        var scenario = AfterAMeeting();
        scenario.Join(Cast.Kontaktbetjent2);
        scenario.Identify("housing", Cast.Kontaktbetjent2);
        var closedAt = scenario.Case.Version;
        scenario.Accepts(Cast.Kontaktbetjent2, new OfferHandover("housing", Cast.Municipality, null, scenario.Today, "Trenger bolig"));
        scenario.Accepts(Cast.Caseworker, new AcceptHandover(scenario.LastHandoverId));
        scenario.Accepts(Cast.Caseworker, new RecordEncounter(EncounterKind.ContactWithPerson, scenario.Today, [new(Cast.Caseworker, Attendance.Physical)], null));
        scenario.Accepts(Cast.Caseworker, new CompleteHandover(scenario.LastHandoverId));
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, Cast.Friomsorg, null, scenario.Today.AddDays(3), null));
        scenario.Accepts(Cast.FriomsorgOfficer, new DeclineHandover(scenario.LastHandoverId, "Ikke før prøveløslatelsen"));

        var agenda = MeetingAgenda.Build(scenario.Case, scenario.Log.Where(r => r.Version > closedAt));

        Assert.Equal(
            [
                "Kontakt med Lars: Name of k-gro 2026-03-03",
                "Bolig: ansvar overlevert til Name of k-gro",
                "Koordinatorrollen: overlevering til f-bergen avslått: Ikke før prøveløslatelsen – eskalert til leder",
            ],
            agenda.Select(i => i.Summary).ToArray());
    }

    [Fact]
    public void AMeetingsOwnRecord_IsNotOnTheAgenda_NorTheMeasuresItsDecisionsBecame()
    {
        var scenario = AfterAMeeting();
        var id = Schedule(scenario);
        scenario.Accepts(Cast.Kontaktbetjent, new OpenMeeting(id));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordAttendance(id, Cast.NavAdvisor, Attendance.Digital));
        scenario.Accepts(Cast.NavAdvisor, new EditMinutes(id, scenario.Case.Meetings[id].MinutesVersion, "Referat"));
        scenario.Accepts(Cast.NavAdvisor, new RecordDecision(id, "Søknad om bostøtte", ["housing"], Cast.NavAdvisor, scenario.Today.AddDays(5)));
        scenario.Accepts(Cast.Person, new SubmitProposal(null, "Kan vi møtes hos NAV neste gang?"));

        var agenda = AgendaOf(scenario, id);

        var item = Assert.Single(agenda);
        Assert.Equal("Forslag fra Lars: Kan vi møtes hos NAV neste gang?", item.Summary);
    }

    [Fact]
    public void NothingChanged_MeansAnEmptyAgenda()
    {
        var scenario = AfterAMeeting();

        Assert.Empty(AgendaOf(scenario, Schedule(scenario)));
    }

    [Fact]
    public void FreeTextOfAHealthSensitiveArea_IsNeverQuoted_OnlyTheAreaNamed()
    {
        var scenario = AfterAMeeting();
        scenario.Accepts(Cast.Caseworker, new AddMeasure(["mental-health"], "Samtaler med psykolog om angst", null, Cast.Caseworker, new DateOnly(2026, 4, 1), null));
        scenario.Accepts(Cast.Person, new SubmitProposal("substance-use", "Jeg vil på LAR"));
        scenario.Accepts(Cast.Kontaktbetjent, new AddGoal("mental-health", "Sove bedre"));

        var summaries = AgendaOf(scenario, Schedule(scenario)).Select(i => i.Summary).ToArray();

        Assert.Equal(
            [
                "Nytt tiltak under Psykisk helse (Name of k-gro, frist 2026-04-01)",
                "Forslag fra Lars om Rus",
                "Psykisk helse: nytt mål",
            ],
            summaries);
    }

    [Fact]
    public void AMeasureChangedSinceTheLastMeeting_IsOneLine_WithItsLatestContentAndStatus()
    {
        var scenario = AfterAMeeting();
        var id = scenario.LastMeasureId;
        var m = scenario.Case.Measures[id];
        scenario.Accepts(Cast.NavAdvisor, new UpdateMeasure(id, m.Version, m.NeedCodes, m.What, m.Why, m.OwnerId, new DateOnly(2026, 4, 15), null));
        scenario.Accepts(Cast.Person, new ChangeMeasureStatus(id, scenario.Case.Measures[id].Version, MeasureStatus.ChosenByPerson, null));

        var item = Assert.Single(AgendaOf(scenario, Schedule(scenario)));

        Assert.Equal(("measure", "Tiltak «Gjeldsrådgivning»: endret (Name of nav-jon, frist 2026-04-15), valgt av personen"), (item.Kind, item.Summary));
        Assert.Equal(Cast.Person, item.ActorId);
    }

    [Fact]
    public void AMeetingCancelled_LeavesItsAgendaToTheNextOne()
    {
        var scenario = AfterAMeeting();
        scenario.Accepts(Cast.Person, new SubmitProposal("work", "Sveisekurs"));
        var cancelled = Schedule(scenario);
        scenario.Accepts(Cast.Kontaktbetjent, new CancelMeeting(cancelled, "Lars er syk"));
        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(scenario.Case.Dates with { ExpectedRelease = new DateOnly(2026, 6, 15) }, scenario.Case.DatesVersion));

        var agenda = AgendaOf(scenario, Schedule(scenario));

        Assert.Equal(["Forslag fra Lars (Arbeid): Sveisekurs", "Løslatelsesdato endret til 2026-06-15"], agenda.Select(i => i.Summary).ToArray());
    }
}
