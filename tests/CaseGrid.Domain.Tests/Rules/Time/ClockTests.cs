using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>What time does on its own: handovers past their date, inactive owners, and when to look again.</summary>
public sealed class ClockTests
{
    [Theory]
    [InlineData(Cast.Kontaktbetjent)]
    [InlineData(Cast.PrisonLeader)]
    [InlineData(Cast.Stranger)]
    public void EvaluatingTime_IsForbidden_ForAnyoneButTheSystemClock(string actor)
    {
        var scenario = Opened();
        scenario.AdvanceTo(D("2026-04-01"));

        scenario.Refuses(actor, new EvaluateTime(), ErrorKind.Forbidden, "time.system-only");
    }

    [Fact]
    public void Tick_WithNothingDue_IsAcceptedWithoutEvents()
    {
        var scenario = Opened();

        Assert.Empty(scenario.Tick());
    }

    [Fact]
    public void Tick_OnAClosedCase_IsRefusedLikeEveryChange()
    {
        var scenario = CaseScenario.Opened(phase: CasePhase.Released);
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Closed));

        scenario.Refuses(TimeRules.SystemActorId, new EvaluateTime(), ErrorKind.Conflict, "case.closed");
        Assert.Null(TimeRules.NextCheck(scenario.Case, scenario.Rules, scenario.Now));
    }

    [Fact]
    public void AHandoverNotAcceptedByItsPlannedDate_IsFlaggedOnce_AndEscalatedToTheReceivingUnit()
    {
        var scenario = Opened();
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, Cast.Friomsorg, null, D("2026-03-05"), null));
        var id = scenario.LastHandoverId;
        scenario.AdvanceTo(D("2026-03-05"));
        Assert.DoesNotContain(scenario.Tick(), e => e is HandoverPlannedDatePassed);

        scenario.AdvanceTo(D("2026-03-06"));
        var events = scenario.Tick();

        Assert.Equal(new HandoverPlannedDatePassed(id), events.OfType<HandoverPlannedDatePassed>().Single());
        var escalation = events.OfType<EscalationRaised>().Single(e => e.HandoverId == id);
        Assert.Equal((Responsibility.Coordinator, Cast.Friomsorg), (escalation.Subject, escalation.UnitId));
        Assert.Contains("planlagt 2026-03-05, men er ikke akseptert", escalation.Reason, StringComparison.Ordinal);
        Assert.Equal(Cast.Friomsorg, scenario.Case.Escalations.Single(e => e.HandoverId == id).UnitId);
        Assert.DoesNotContain(scenario.Tick(), e => e is HandoverPlannedDatePassed);
    }

    [Fact]
    public void AnAcceptedHandover_IsNotFlagged_WhenItsPlannedDatePasses()
    {
        var scenario = Opened();
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, Cast.Friomsorg, null, D("2026-03-05"), null));
        scenario.Accepts(Cast.FriomsorgOfficer, new AcceptHandover(scenario.LastHandoverId));
        scenario.AdvanceTo(D("2026-03-10"));

        Assert.DoesNotContain(scenario.Tick(), e => e is HandoverPlannedDatePassed);
    }

    [Fact]
    public void AnOwnerSilentForTheInactivityLimit_IsFlaggedOncePerResponsibility_UntilTheyActAgain()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Identify("housing", Cast.Caseworker);
        scenario.Identify("network", Cast.Caseworker);
        var named = scenario.Now;
        scenario.AdvanceTo(D("2026-03-22"));
        Assert.DoesNotContain(scenario.Tick(), e => e is OwnerInactive { UserId: Cast.Caseworker });

        scenario.AdvanceTo(D("2026-03-23"));
        var events = scenario.Tick();

        Assert.Equal(
            [new OwnerInactive(Cast.Caseworker, "housing", 21), new OwnerInactive(Cast.Caseworker, "network", 21)],
            events.OfType<OwnerInactive>().Where(e => e.UserId == Cast.Caseworker));
        Assert.Equal(named, scenario.Case.InactivityAlerts[Cast.Caseworker]);
        scenario.AdvanceDays(5);
        Assert.DoesNotContain(scenario.Tick(), e => e is OwnerInactive { UserId: Cast.Caseworker });

        var need = scenario.Case.NeedAreas["housing"];
        scenario.Accepts(Cast.Caseworker, new UpdateNeedArea("housing", need.Version, need.OwnWords, "Søknad sendt", NeedStatus.InProgress));
        scenario.AdvanceDays(20);
        Assert.DoesNotContain(scenario.Tick(), e => e is OwnerInactive { UserId: Cast.Caseworker });
        scenario.AdvanceDays(1);
        Assert.Contains(scenario.Tick(), e => e is OwnerInactive { UserId: Cast.Caseworker, Days: 21 });
    }

    [Fact]
    public void TheClocksOwnEvents_AreNoOnesActivity()
    {
        var scenario = Opened();
        scenario.AdvanceTo(D("2026-03-10"));

        Assert.NotEmpty(scenario.Tick());

        Assert.DoesNotContain(TimeRules.SystemActorId, scenario.Case.LastActivity.Keys);
        Assert.Equal(scenario.Log.Last(r => r.ActorId == Cast.Kontaktbetjent).OccurredAt, scenario.Case.LastActivity[Cast.Kontaktbetjent]);
    }

    [Fact]
    public void NextCheck_IsTheFirstMomentADeadlineTurns_ThenNowWhileSomethingIsWaiting()
    {
        var scenario = Opened(rules: WithoutConversations);

        // Needs conversation part 1 is due 9 March: it turns overdue when 10 March begins in Norway.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 23, 0, 0, TimeSpan.Zero), TimeRules.NextCheck(scenario.Case, scenario.Rules, scenario.Now));

        scenario.AdvanceTo(D("2026-03-10"));
        Assert.Equal(scenario.Now, TimeRules.NextCheck(scenario.Case, scenario.Rules, scenario.Now));

        scenario.Tick();
        // Next: intake conversation and municipality contacted (due 30 March) become due soon on 23 March.
        Assert.Equal(NorwegianTime.StartOf(D("2026-03-23")), TimeRules.NextCheck(scenario.Case, scenario.Rules, scenario.Now));
    }

    [Fact]
    public void NextCheck_IsTheDayAfterAHandoversPlannedDate_WhenThatComesFirst()
    {
        var scenario = Opened();
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, Cast.Friomsorg, null, D("2026-03-04"), null));

        Assert.Equal(NorwegianTime.StartOf(D("2026-03-05")), TimeRules.NextCheck(scenario.Case, scenario.Rules, scenario.Now));
    }

    [Fact]
    public void NextCheck_IsTheInactivityLimit_WhenThatComesFirst()
    {
        var scenario = Opened(rules: WithoutConversations);
        scenario.Accepts(Cast.Kontaktbetjent, new ScheduleMeeting(scenario.Now.AddDays(7), "Neste møte"));
        foreach (var kind in new[] { MilestoneKind.NeedsConversation1, MilestoneKind.IntakeConversation, MilestoneKind.MunicipalityContacted, MilestoneKind.FriomsorgEngaged })
        {
            scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(kind, scenario.Today, null));
        }

        // Proposals are due 9 March (a should): overdue from 10 March; the kontaktbetjent is inactive from 23 March 10:00
        // (the meeting booked for 9 March is no deadline).
        scenario.AdvanceTo(D("2026-03-10"));
        scenario.Tick();

        Assert.Equal(scenario.Case.LastActivity[Cast.Kontaktbetjent].AddDays(21), TimeRules.NextCheck(scenario.Case, scenario.Rules, scenario.Now));
    }
}

