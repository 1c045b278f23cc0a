using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

/// <summary>
/// Domain §6, orphan detection: an owner removed from their unit's staff, or whose unit the case has left, can no longer
/// act. The responsibility is flagged at once with an escalation to the leaders of the owner's unit, stays flagged until a
/// handover or an override gives it to someone who can act (or the cause goes away), and the case learns of staff changes
/// by asking the units whenever time is evaluated — so a notice lost on the way heals.
/// </summary>
public sealed class OrphanTests
{
    /// <summary>The municipal caseworker owns housing and network; the NAV advisor owns income.</summary>
    private static CaseScenario Owned()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Join(Cast.Caseworker2);
        scenario.Join(Cast.NavAdvisor);
        scenario.Identify("housing", Cast.Caseworker);
        scenario.Identify("network", Cast.Caseworker);
        scenario.Identify("income-debt", Cast.NavAdvisor);
        return scenario;
    }

    [Fact]
    public void AnOwnerRemovedFromTheirUnitsStaff_IsFlaggedAtTheNextEvaluation_WithAnEscalationToTheUnitsLeaders()
    {
        var scenario = Owned();
        scenario.ChangeStaff(scenario.Units.WithStaffRemoved(Cast.Caseworker));

        var events = scenario.Tick();

        Assert.Equal(new StaffingChanged(Cast.Caseworker, Cast.Municipality, false), events.OfType<StaffingChanged>().Single());
        var flags = events.OfType<ResponsibilityOrphaned>().ToList();
        Assert.Equal(["housing", "network"], flags.Select(f => f.Subject));
        Assert.All(flags, f => Assert.Equal((Cast.Caseworker, Cast.Municipality, OrphanCause.StaffRemoved), (f.OwnerId, f.UnitId, f.Cause)));
        var escalation = events.OfType<EscalationRaised>().Single(e => e.EscalationId == flags[0].EscalationId);
        Assert.Equal(("housing", Cast.Municipality), (escalation.Subject, escalation.UnitId));
        Assert.Contains("Name of k-gro jobber ikke lenger ved k-bergen", escalation.Reason, StringComparison.Ordinal);

        var flag = scenario.Case.Orphans["housing"];
        Assert.Equal((Cast.Caseworker, OrphanCause.StaffRemoved, scenario.Now), (flag.OwnerId, flag.Cause, flag.Since));
        Assert.Equal(Cast.Municipality, scenario.Case.StaffDepartures[Cast.Caseworker]);
        Assert.False(scenario.Case.Orphans.ContainsKey("income-debt"));

        // Raised once: evaluating again finds nothing new.
        Assert.Empty(scenario.Tick());
    }

    [Fact]
    public void AHandoverOrAnOverride_ToSomeoneWhoCanAct_ClearsTheFlag()
    {
        var scenario = Owned();
        scenario.ChangeStaff(scenario.Units.WithStaffRemoved(Cast.Caseworker));
        scenario.Tick();

        var overridden = scenario.Accepts(Cast.MunicipalityLeader, new OverrideResponsibility("housing", Cast.Caseworker2, "Gro har sluttet"));

        Assert.Contains(new OrphanResolved("housing", Cast.Caseworker), overridden);
        Assert.False(scenario.Case.Orphans.ContainsKey("housing"));
        Assert.True(scenario.Case.Orphans.ContainsKey("network"));
    }

    [Fact]
    public void AnOwnerBackOnTheStaff_IsNoLongerFlagged()
    {
        var scenario = Owned();
        scenario.ChangeStaff(scenario.Units.WithStaffRemoved(Cast.Caseworker));
        scenario.Tick();

        scenario.ChangeStaff(scenario.Units.WithStaffRestored(Cast.Caseworker));
        var events = scenario.Tick();

        Assert.Contains(new StaffingChanged(Cast.Caseworker, Cast.Municipality, true), events);
        Assert.Equal([new OrphanResolved("housing", Cast.Caseworker), new OrphanResolved("network", Cast.Caseworker)], events.OfType<OrphanResolved>());
        Assert.Empty(scenario.Case.Orphans);
        Assert.Empty(scenario.Case.StaffDepartures);
    }

    [Fact]
    public void ANoticeLostOnTheWay_HealsAtTheNextEvaluation_WhichAsksTheUnitsAgain()
    {
        var scenario = Owned();
        scenario.ChangeStaff(scenario.Units.WithStaffRemoved(Cast.NavAdvisor));

        // The unit's notice never arrived: the case does not know yet, and nothing is flagged …
        scenario.Accepts(Cast.Kontaktbetjent, new AddGoal("housing", "Egen leilighet"));
        Assert.Empty(scenario.Case.Orphans);

        // … until time is next evaluated (a reminder, or the daily sweep), when it asks the owners' units.
        scenario.AdvanceDays(1);
        Assert.Contains(new StaffingChanged(Cast.NavAdvisor, Cast.Nav, false), scenario.Tick());
        Assert.Equal(Cast.NavAdvisor, scenario.Case.Orphans["income-debt"].OwnerId);
    }

    [Fact]
    public void WhatTheCaseAsks_IsEveryAccountableOwnersUnit()
    {
        var scenario = Owned();

        var asked = CaseDecider.StaffingConcerned(scenario.Case, new EvaluateTime()).ToHashSet();

        Assert.Equal(
            new HashSet<(string, string)> { (Cast.Prison, Cast.Kontaktbetjent), (Cast.Municipality, Cast.Caseworker), (Cast.Nav, Cast.NavAdvisor) },
            asked);
        Assert.Empty(CaseDecider.StaffingConcerned(scenario.Case, new AddGoal("housing", "x")));
    }

    [Fact]
    public void ACaseMovedAwayFromAUnit_FlagsItsOwnersThereAtOnce_AndMovingBackClearsThem()
    {
        var scenario = Owned();

        var moved = scenario.Accepts(Cast.Kontaktbetjent, new MoveCase(Cast.Friomsorg));

        var flag = Assert.IsType<ResponsibilityOrphaned>(moved[1]);
        Assert.Equal((Responsibility.Coordinator, Cast.Kontaktbetjent, Cast.Prison, OrphanCause.CaseMovedAway), (flag.Subject, flag.OwnerId, flag.UnitId, flag.Cause));
        Assert.Equal(Cast.Prison, Assert.IsType<EscalationRaised>(moved[2]).UnitId);
        Assert.Equal(Cast.Prison, Assert.Single(scenario.Case.FormerUnitIds));
        Assert.False(scenario.Case.Orphans.ContainsKey("housing"));

        var back = scenario.Accepts(Cast.Kontaktbetjent, new MoveCase(Cast.Prison));

        Assert.Contains(new OrphanResolved(Responsibility.Coordinator, Cast.Kontaktbetjent), back);
        Assert.Equal(Cast.Friomsorg, Assert.Single(scenario.Case.FormerUnitIds));
        Assert.Empty(scenario.Case.Orphans);
    }

    [Fact]
    public void SomeoneWhoCannotAct_CannotTakeOnAResponsibility()
    {
        var scenario = Owned();
        scenario.Identify("work", Cast.Caseworker2);
        scenario.ChangeStaff(scenario.Units.WithStaffRemoved(Cast.Caseworker2));
        scenario.Tick();

        scenario.Refuses(Cast.MunicipalityLeader, new OverrideResponsibility("housing", Cast.Caseworker2, "Hans tar over"), ErrorKind.Unprocessable, "owner.cannot-act");
        scenario.Refuses(Cast.Kontaktbetjent, new IdentifyNeed("education", Cast.Caseworker2, null, null), ErrorKind.Unprocessable, "owner.cannot-act");
    }

    [Fact]
    public void TheInvariant_CatchesAnOwnerWhoCannotAct_WithoutAFlag_AndAFlagWithoutItsCause()
    {
        var scenario = Owned();
        scenario.ChangeStaff(scenario.Units.WithStaffRemoved(Cast.Caseworker));
        scenario.Tick();
        var unflagged = scenario.Case with { Orphans = scenario.Case.Orphans.Remove("network") };
        var stale = scenario.Case with { StaffDepartures = scenario.Case.StaffDepartures.Clear() };

        Assert.Empty(CaseInvariants.Violations(scenario.Case, scenario.Today));
        Assert.Contains("'network' is owned by 'k-gro', who can no longer act (StaffRemoved), without a flag.", CaseInvariants.Violations(unflagged, scenario.Today));
        Assert.Contains(CaseInvariants.Violations(stale, scenario.Today), v => v.StartsWith("'housing' is flagged as orphaned", StringComparison.Ordinal));
    }

    [Fact]
    public void OwnersWithoutAUnit_AnswerForThemselves_AndAreNeverFlagged()
    {
        var scenario = Owned();
        scenario.Accepts(Cast.Kontaktbetjent, new AddMember(Cast.NgoWorker, "Mona", Contracts.Groups.MemberRole.NgoWorker, Contracts.Groups.Agency.Ngo, null, null));
        scenario.Identify("work", Cast.NgoWorker);
        scenario.Accepts(Cast.Kontaktbetjent, new MoveCase(Cast.Friomsorg));

        Assert.False(scenario.Case.Orphans.ContainsKey("work"));
    }
}
