using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>
/// Work goes on after release (domain §4; 002:677-685): follow-ups at about one week, one month and three months, and
/// aftercare up to twelve months, as rules of the rule set, seen to by whoever holds the coordinator role outside the
/// prison. The first-days list is prepared two weeks before the expected release, and can be worked on before the day.
/// </summary>
public sealed class AfterReleaseTests
{
    /// <summary>Released on parole on 2026-07-06 with the municipal caseworker as coordinator.</summary>
    private static CaseScenario ReleasedOnParole()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.ExceptAllCriticalAreas();
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, Cast.Municipality, null, D("2026-07-06"), null));
        scenario.Accepts(Cast.Caseworker, new AcceptHandover(scenario.LastHandoverId));
        scenario.Accepts(Cast.Caseworker, new RecordEncounter(EncounterKind.ContactWithPerson, scenario.Today, [new(Cast.Caseworker, Attendance.Physical)], null));
        scenario.AdvanceTo(TwoThirds);
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released, ReleaseForm.Parole));
        return scenario;
    }

    [Fact]
    public void FollowUps_AreDueAWeekAMonthAndThreeMonthsAfterRelease()
    {
        var scenario = ReleasedOnParole();

        Assert.Equal((D("2026-07-13"), "Løslatt 2026-07-06 + 7 dager (vindu fra + 1 dag)"), (scenario.Deadline("follow-up-week").Due, scenario.Deadline("follow-up-week").Reason));
        Assert.Equal(D("2026-08-06"), scenario.Deadline("follow-up-month").Due);
        Assert.Equal(D("2026-10-06"), scenario.Deadline("follow-up-quarter").Due);
        Assert.Equal((D("2027-07-06"), DeadlineSeverity.Should), (scenario.Deadline("aftercare-review").Due, scenario.Deadline("aftercare-review").Severity));
        Assert.All(["follow-up-week", "follow-up-month", "follow-up-quarter"], id => Assert.Equal(Agency.Municipality, scenario.Deadline(id).ResponsibleAgency));
    }

    [Fact]
    public void BeforeRelease_TheFollowUpsAreNotYetLive()
    {
        var scenario = Opened();

        var week = scenario.Deadline("follow-up-week");

        Assert.Equal(DeadlineStatus.NotApplicable, week.Status);
        Assert.Equal(D("2026-07-13"), week.Due);
    }

    [Fact]
    public void AFollowUp_IsMetByAConversationWithThePerson_InItsWindow()
    {
        var scenario = ReleasedOnParole();
        scenario.AdvanceTo(D("2026-07-09"));

        scenario.Accepts(Cast.Caseworker, new RecordEncounter(EncounterKind.ContactWithPerson, scenario.Today, [new(Cast.Caseworker, Attendance.Physical)], "Hjemmebesøk"));

        var week = scenario.Deadline("follow-up-week");
        Assert.Equal((DeadlineStatus.Met, D("2026-07-09")), (week.Status, week.MetOn));
        Assert.NotEqual(DeadlineStatus.Met, scenario.Deadline("follow-up-month").Status);
    }

    [Fact]
    public void AMissedFollowUp_IsEscalatedToTheCoordinatorsUnit()
    {
        var scenario = ReleasedOnParole();

        AssertFiresOnceAfter(scenario, "follow-up-week", D("2026-07-13"), Cast.Municipality);
    }

    [Fact]
    public void TheFirstDaysList_IsPreparedTwoWeeksBeforeTheExpectedRelease_AndWorkedOnBeforeTheDay()
    {
        var scenario = Opened();
        scenario.AdvanceTo(D("2026-06-21"));
        Assert.DoesNotContain(scenario.Tick(), e => e is FirstDaysListCreated);
        Assert.True(TimeRules.NextCheck(scenario.Case, scenario.Rules, scenario.Now) <= NorwegianTime.StartOf(D("2026-06-22")), "The clock looks again when the list is due at the latest.");

        scenario.AdvanceTo(D("2026-06-22"));
        var made = Assert.Single(scenario.Tick().OfType<FirstDaysListCreated>());

        Assert.Equal(["sleep", "money", "medication", "meets"], made.Items.Select(i => i.ItemId));
        scenario.Accepts(Cast.Kontaktbetjent, new UpdateFirstDaysItem("sleep", true, "Hybel hos Kirkens Bymisjon fra 6. juli"));
        Assert.True(scenario.Case.FirstDays.Single(i => i.ItemId == "sleep").Done);

        // Released, the list stays as the group prepared it.
        scenario.ExceptAllCriticalAreas();
        var released = scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));
        Assert.DoesNotContain(released, e => e is FirstDaysListCreated);
        Assert.Equal("Hybel hos Kirkens Bymisjon fra 6. juli", scenario.Case.FirstDays.Single(i => i.ItemId == "sleep").Note);
    }

    [Fact]
    public void TheFirstDaysWindow_IsTheRuleSets()
    {
        var monthAhead = DeadlineRuleSet.FromJson(DeadlineRuleSet.Default.Json!
            .Replace("\"daysBeforeRelease\": 14", "\"daysBeforeRelease\": 30", StringComparison.Ordinal));

        Assert.Equal(D("2026-06-06"), TimeRules.FirstDaysFrom(Opened(rules: monthAhead).Case, monthAhead));
        Assert.Equal(D("2026-06-22"), TimeRules.FirstDaysFrom(Opened().Case, DeadlineRuleSet.Default));
    }
}
