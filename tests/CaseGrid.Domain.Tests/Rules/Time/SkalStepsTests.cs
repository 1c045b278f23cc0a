using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>
/// The <i>skal</i> steps of domain §7 that are not dates of the release: refused where the source makes them a condition of
/// the next step, deadlines where it gives a time — the next meeting booked at the intake meeting, no non-acute measure
/// before needs conversation 1, conversations with the person at a fixed interval, friomsorg contacting the municipality
/// within four weeks, the coordinator's handover planned ahead and the exit conversation before release.
/// </summary>
public sealed class SkalStepsTests
{
    [Fact]
    public void TheIntakeConversation_IsRecorded_OnlyWithTheNextMeetingBooked()
    {
        var scenario = Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.IntakeConversation, scenario.Today, null), ErrorKind.Conflict, "milestone.next-meeting-required");
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(10), "Første ansvarsgruppemøte"));

        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.IntakeConversation, scenario.Today, null));
    }

    [Fact]
    public void NoMeasureBeyondTheAcuteNeeds_StartsBeforeNeedsConversation1()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Identify("housing", Cast.Caseworker);
        scenario.Identify("acute", Cast.Caseworker);
        var housing = Agreed(scenario, ["housing"]);
        var acute = Agreed(scenario, ["acute"]);
        var both = Agreed(scenario, ["acute", "housing"]);

        scenario.Accepts(Cast.Caseworker, Move(scenario, acute, MeasureStatus.Started));
        scenario.Refuses(Cast.Caseworker, Move(scenario, housing, MeasureStatus.Started), ErrorKind.Conflict, "measure.before-needs-conversation");
        scenario.Refuses(Cast.Caseworker, Move(scenario, both, MeasureStatus.Started), ErrorKind.Conflict, "measure.before-needs-conversation");

        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, scenario.Today, null));

        scenario.Accepts(Cast.Caseworker, Move(scenario, housing, MeasureStatus.Started));
    }

    [Fact]
    public void ConversationsWithThePerson_ComeRoundAtTheInterval_CountedFromTheLastOne()
    {
        var scenario = Opened();

        Assert.Equal((D("2026-03-16"), "Innkomst 2026-03-02 (ingen samtale med personen registrert) + 14 dager"), DueAndReason(scenario.Deadline("conversation-with-person")));

        scenario.AdvanceTo(D("2026-03-12"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordEncounter(EncounterKind.ContactWithPerson, scenario.Today, [new(Cast.Kontaktbetjent, Attendance.Physical)], null));
        Assert.Equal((D("2026-03-26"), "Siste samtale med personen 2026-03-12 + 14 dager"), DueAndReason(scenario.Deadline("conversation-with-person")));

        // A group meeting the person attended counts as a conversation; one without them does not.
        scenario.AdvanceTo(D("2026-03-20"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordEncounter(EncounterKind.GroupMeeting, scenario.Today, [new(Cast.Kontaktbetjent, Attendance.Physical)], null));
        Assert.Equal(D("2026-03-26"), scenario.Deadline("conversation-with-person").Due);
        scenario.Accepts(Cast.Kontaktbetjent, new RecordEncounter(EncounterKind.GroupMeeting, scenario.Today, [new(Cast.Person, Attendance.Physical)], null));
        Assert.Equal(D("2026-04-03"), scenario.Deadline("conversation-with-person").Due);

        AssertFiresOnceAfter(scenario, "conversation-with-person", D("2026-04-03"), Cast.Prison);
    }

    [Fact]
    public void TheConversationInterval_IsTheRuleSets_AndTheCoordinatorAnswersForIt()
    {
        var weekly = DeadlineRuleSet.FromJson(DeadlineRuleSet.Default.Json!
            .Replace("\"version\": \"2026.2\"", "\"version\": \"2026.2-ukentlig\"", StringComparison.Ordinal)
            .Replace("\"offset\": {\n        \"amount\": 14,", "\"offset\": {\n        \"amount\": 7,", StringComparison.Ordinal));
        var scenario = Opened(rules: weekly);
        scenario.Join(Cast.FriomsorgOfficer);
        scenario.Accepts(Cast.PrisonLeader, new OverrideResponsibility(Responsibility.Coordinator, Cast.FriomsorgOfficer, "Friomsorgen koordinerer"));

        var deadline = scenario.Deadline("conversation-with-person");

        Assert.Equal((D("2026-03-09"), "2026.2-ukentlig", Agency.Friomsorg), (deadline.Due, deadline.RuleSetVersion, deadline.ResponsibleAgency));
        AssertFiresOnceAfter(scenario, "conversation-with-person", D("2026-03-09"), Cast.Friomsorg);
    }

    [Fact]
    public void Friomsorg_ContactsTheMunicipality_WithinFourWeeksOfJoining()
    {
        var scenario = Opened();
        Assert.Equal((DeadlineStatus.NotApplicable, "Ingen fra friomsorgen i ansvarsgruppen ennå"), StatusAndReason(scenario.Deadline("friomsorg-contacts-municipality")));

        scenario.AdvanceTo(D("2026-03-10"));
        scenario.Join(Cast.FriomsorgOfficer);
        Assert.Equal((D("2026-04-07"), "Friomsorgen med i ansvarsgruppen fra 2026-03-10 + 4 uker"), DueAndReason(scenario.Deadline("friomsorg-contacts-municipality")));
        AssertFiresOnceAfter(scenario, "friomsorg-contacts-municipality", D("2026-04-07"), Cast.Friomsorg);

        scenario.Accepts(Cast.FriomsorgOfficer, new RecordMilestone(MilestoneKind.MunicipalityContactedByFriomsorg, scenario.Today, "Ringte bydelen"));
        Assert.Equal(DeadlineStatus.Met, scenario.Deadline("friomsorg-contacts-municipality").Status);
    }

    [Fact]
    public void TheCoordinatorsHandover_IsPlannedFourWeeksBeforeRelease_MetByAnOfferOutOfThePrison()
    {
        var scenario = Opened();

        Assert.Equal(D("2026-06-08"), scenario.Deadline("coordinator-handover-planned").Due);
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, Cast.Prison, Cast.Kontaktbetjent2, scenario.Today.AddDays(30), null));
        Assert.NotEqual(DeadlineStatus.Met, scenario.Deadline("coordinator-handover-planned").Status);
        scenario.Accepts(Cast.Kontaktbetjent, new WithdrawHandover(scenario.LastHandoverId, "Feil enhet"));

        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, Cast.Municipality, null, D("2026-07-06"), null));

        var deadline = scenario.Deadline("coordinator-handover-planned");
        Assert.Equal(DeadlineStatus.Met, deadline.Status);
        Assert.EndsWith("oppfylt: koordinatorrollen er tilbudt av k-bergen, planlagt 2026-07-06", deadline.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheExitConversation_IsDueTheDayBeforeTheExpectedRelease()
    {
        var scenario = Opened();

        Assert.Equal(D("2026-07-05"), scenario.Deadline("exit-conversation").Due);
        AssertFiresOnceAfter(scenario, "exit-conversation", D("2026-07-05"), Cast.Prison);

        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.ExitConversation, scenario.Today, null));
        Assert.Equal(DeadlineStatus.Met, scenario.Deadline("exit-conversation").Status);
    }

    private static string Agreed(CaseScenario scenario, string[] needs)
    {
        scenario.Accepts(Cast.Caseworker, new AddMeasure([.. needs], "Tiltak", null, Cast.Caseworker, null, null));
        var id = scenario.LastMeasureId;
        scenario.Accepts(Cast.Person, Move(scenario, id, MeasureStatus.ChosenByPerson));
        scenario.Accepts(Cast.Caseworker, Move(scenario, id, MeasureStatus.AcceptedByOwner));
        return id;
    }

    private static ChangeMeasureStatus Move(CaseScenario scenario, string measureId, MeasureStatus status) =>
        new(measureId, scenario.Case.Measures[measureId].Version, status, null);

    private static (DateOnly? Due, string Reason) DueAndReason(Deadline d) => (d.Due, d.Reason);

    private static (DeadlineStatus Status, string Reason) StatusAndReason(Deadline d) => (d.Status, d.Reason);
}
