using System.Collections.Immutable;
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
/// Domain §4 and §8: every way out of prison is a release, and nobody is released to the street — the critical need areas
/// held outside the prison, housing and income secured (not merely in progress), the coordinator role leaving with the
/// person, the exit conversation held — unless an exception with its reason is recorded.
/// </summary>
public sealed class ReleaseGateTests
{
    private static readonly string[] Critical = ["housing", "income-debt", "physical-health", "mental-health", "substance-use"];

    /// <summary>
    /// A case ready for a full-time release: the critical areas owned by the municipality and NAV, housing met, benefits
    /// decided, the coordinator role accepted by the municipal caseworker who has met the person, the exit conversation held.
    /// </summary>
    private static CaseScenario Ready()
    {
        var scenario = AreasHeldOutside();
        HandCoordinatorTo(scenario, Cast.Municipality, Cast.Caseworker);
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.ExitConversation, scenario.Today, "Gikk gjennom planen"));
        return scenario;
    }

    /// <summary>Every critical area identified, owned outside the prison, with housing met and benefits decided.</summary>
    private static CaseScenario AreasHeldOutside()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Join(Cast.NavAdvisor);
        scenario.Join(Cast.FriomsorgOfficer);
        foreach (var code in Critical)
        {
            scenario.Identify(code, code == "income-debt" ? Cast.NavAdvisor : Cast.Caseworker);
        }

        SetStatus(scenario, "housing", NeedStatus.Met);
        scenario.Accepts(Cast.NavAdvisor, new RecordMilestone(MilestoneKind.BenefitsDecided, scenario.Today, null));
        return scenario;
    }

    /// <summary>The kontaktbetjent offers the coordinator role to <paramref name="unit"/>; <paramref name="receiver"/> accepts and meets the person.</summary>
    private static void HandCoordinatorTo(CaseScenario scenario, string unit, string receiver)
    {
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, unit, null, scenario.Today.AddDays(30), null));
        scenario.Accepts(receiver, new AcceptHandover(scenario.LastHandoverId));
        scenario.Accepts(receiver, new RecordEncounter(EncounterKind.ContactWithPerson, scenario.Today, [new(receiver, Attendance.Physical)], null));
    }

    private static void SetStatus(CaseScenario scenario, string code, NeedStatus status)
    {
        var need = scenario.Case.NeedAreas[code];
        scenario.Accepts(need.AccountableOwnerId!, new UpdateNeedArea(code, need.Version, need.OwnWords, need.Assessment, status));
    }

    private static string[] BlockingCodes(DomainError error) => [.. Assert.IsType<ImmutableArray<GateItem>>(error.Current).Select(i => i.Code)];

    [Fact]
    public void Release_IsRefused_WhileCriticalAreasAreNotAssessed_NamingEachOne_AndCarryingTheItems()
    {
        var scenario = Opened();

        var error = scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released), ErrorKind.Conflict, ReleaseGate.Code);

        Assert.Contains("Bolig (housing) is not assessed", error.Detail, StringComparison.Ordinal);
        Assert.Contains("Rus (substance-use) is not assessed", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("work", error.Detail, StringComparison.Ordinal);
        Assert.Equal([.. Critical, ReleaseGate.CoordinatorCode, ReleaseGate.ExitConversationCode], BlockingCodes(error));
        Assert.Equal("Bolig: ikke vurdert", Assert.IsType<ImmutableArray<GateItem>>(error.Current)[0].Reason);
        Assert.Equal(5, ReleaseGate.UnownedAfterRelease(scenario.Case, NeedAreaCatalogue.Default, scenario.Today));
    }

    [Theory]
    [InlineData(CasePhase.Community, ReleaseForm.Parole)]
    [InlineData(CasePhase.Community, ReleaseForm.ElectronicMonitoring)]
    [InlineData(CasePhase.Community, ReleaseForm.CommunityServing)]
    [InlineData(CasePhase.Community, null)]
    [InlineData(CasePhase.Released, ReleaseForm.FullTime)]
    [InlineData(CasePhase.Released, ReleaseForm.Parole)]
    [InlineData(CasePhase.Released, null)]
    public void EveryWayOutOfPrison_IsARelease_AndPassesTheGate(CasePhase to, ReleaseForm? form)
    {
        var scenario = Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(to, form), ErrorKind.Conflict, ReleaseGate.Code);
        scenario.ExceptAllCriticalAreas();
        var events = scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(to, form));

        Assert.Equal(new PhaseChanged(to, CasePhase.Serving, form ?? (to == CasePhase.Released ? ReleaseForm.FullTime : null)), events[0]);
        Assert.Equal(scenario.Today, scenario.Case.ReleasedOn);
        Assert.True(scenario.Case.IsOutOfPrison);
        Assert.Equal(form ?? (to == CasePhase.Released ? ReleaseForm.FullTime : null), scenario.Case.ReleaseForm);
    }

    [Theory]
    [InlineData(CasePhase.Released, ReleaseForm.ElectronicMonitoring)]
    [InlineData(CasePhase.Community, ReleaseForm.FullTime)]
    public void AFormThatDoesNotFitThePhase_IsRefused(CasePhase to, ReleaseForm form)
    {
        var scenario = Ready();

        scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(to, form), ErrorKind.Unprocessable, "phase.form-invalid");
    }

    [Fact]
    public void ACommunitySentence_StartedWithoutPrison_IsNoRelease()
    {
        var scenario = CaseScenario.Opened(phase: CasePhase.Summoned);

        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Community, ReleaseForm.CommunityServing));

        Assert.Null(scenario.Case.ReleasedOn);
        Assert.False(scenario.Case.IsOutOfPrison);
    }

    [Fact]
    public void Release_IsAccepted_WhenEverythingIsInPlace_CompletingTheCoordinatorHandover_AndMakingTheFirstDaysList()
    {
        var scenario = Ready();
        var coordinatorHandover = scenario.Case.OpenHandoverOf(Responsibility.Coordinator)!.HandoverId;

        var events = scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));

        Assert.Equal(new PhaseChanged(CasePhase.Released, CasePhase.Serving, ReleaseForm.FullTime), events[0]);
        Assert.Equal(new HandoverCompleted(coordinatorHandover, Cast.Caseworker), events[1]);
        Assert.IsType<FirstDaysListCreated>(events[2]);
        Assert.Equal(Cast.Caseworker, scenario.Case.CoordinatorId);
        Assert.Equal(scenario.Today, scenario.Case.ReleasedOn);
        Assert.Empty(CaseInvariants.Violations(scenario.Case, scenario.Today));
    }

    [Theory]
    [InlineData(NeedStatus.InProgress)]
    [InlineData(NeedStatus.UnavailableCapacity)]
    [InlineData(NeedStatus.NeedIdentified)]
    public void HousingInProgressOrUnavailable_IsNotHousing_OnReleaseDay_EvenWithAnOwnerOutside(NeedStatus status)
    {
        var scenario = Ready();
        SetStatus(scenario, "housing", status);

        var error = scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released), ErrorKind.Conflict, ReleaseGate.Code);

        Assert.Equal(["housing"], BlockingCodes(error));
        Assert.Contains("not secured", error.Detail, StringComparison.Ordinal);
        Assert.Contains("ikke sikret på løslatelsesdagen", Assert.IsType<ImmutableArray<GateItem>>(error.Current)[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEmergencyArrangement_AsAnExceptionWithItsReason_LetsTheReleaseGoAhead()
    {
        var scenario = Ready();
        SetStatus(scenario, "housing", NeedStatus.UnavailableCapacity);

        var events = scenario.Accepts(Cast.MunicipalityLeader, new RecordReleaseException("housing", "Nødbolig: midlertidig botilbud i Bergen sentrum fra løslatelsesdagen"));

        Assert.Equal(new ReleaseExceptionRecorded("housing", "Nødbolig: midlertidig botilbud i Bergen sentrum fra løslatelsesdagen"), Assert.Single(events));
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));
    }

    [Fact]
    public void IncomeIsDecided_ByBenefitsDecided_OrTheNeedMet_NotByAnOwnerAlone()
    {
        var scenario = AreasHeldOutside();
        HandCoordinatorTo(scenario, Cast.Municipality, Cast.Caseworker);
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.ExitConversation, scenario.Today, null));
        var withoutBenefits = scenario.Case with { Milestones = [.. scenario.Case.Milestones.Where(m => m.Kind != MilestoneKind.BenefitsDecided)] };

        Assert.Equal(["income-debt"], ReleaseGate.Blocking(withoutBenefits, NeedAreaCatalogue.Default, scenario.Today).Select(b => b.Code));
        Assert.Empty(ReleaseGate.Blocking(scenario.Case, NeedAreaCatalogue.Default, scenario.Today));
    }

    [Fact]
    public void AHealthArea_NeedsOnlyAnAcceptedOwnerOutsideThePrison()
    {
        var scenario = Ready();
        scenario.Accepts(Cast.PrisonLeader, new OverrideResponsibility("mental-health", Cast.Kontaktbetjent, "Tester"));
        Assert.Equal(["mental-health"], ReleaseGate.Blocking(scenario.Case, NeedAreaCatalogue.Default, scenario.Today).Select(b => b.Code));

        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover("mental-health", Cast.Municipality, null, scenario.Today.AddDays(7), null));
        scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released), ErrorKind.Conflict, ReleaseGate.Code);
        scenario.Accepts(Cast.Caseworker, new AcceptHandover(scenario.LastHandoverId));

        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));
    }

    [Theory]
    [InlineData(NeedStatus.Met)]
    [InlineData(NeedStatus.DeclinedByPerson)]
    public void ASettledArea_DoesNotBlock_EvenOwnedInsideThePrison(NeedStatus settled)
    {
        var scenario = Ready();
        scenario.Accepts(Cast.PrisonLeader, new OverrideResponsibility("physical-health", Cast.Kontaktbetjent, "Tester"));

        SetStatus(scenario, "physical-health", settled);

        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));
    }

    [Fact]
    public void TheCoordinator_MustLeaveThePrisonWithThePerson_AcceptedWithTheOverlap()
    {
        var scenario = AreasHeldOutside();
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.ExitConversation, scenario.Today, null));

        var none = scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released), ErrorKind.Conflict, ReleaseGate.Code);
        Assert.Equal([ReleaseGate.CoordinatorCode], BlockingCodes(none));
        Assert.Contains("no handover planned out of the prison", none.Detail, StringComparison.Ordinal);

        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, Cast.Municipality, null, scenario.Today.AddDays(30), null));
        Assert.Contains("not accepted", scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released)).Detail, StringComparison.Ordinal);

        scenario.Accepts(Cast.Caseworker, new AcceptHandover(scenario.LastHandoverId));
        Assert.Contains("no overlap", scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released)).Detail, StringComparison.Ordinal);

        scenario.Accepts(Cast.Caseworker, new RecordEncounter(EncounterKind.ContactWithPerson, scenario.Today, [new(Cast.Caseworker, Attendance.Digital)], null));
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));

        Assert.Equal(Cast.Caseworker, scenario.Case.CoordinatorId);
    }

    [Fact]
    public void OnParole_FriomsorgMayHoldTheCoordinatorRole_ButNotAfterAFullTimeRelease()
    {
        var scenario = AreasHeldOutside();
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.ExitConversation, scenario.Today, null));
        HandCoordinatorTo(scenario, Cast.Friomsorg, Cast.FriomsorgOfficer);

        Assert.Contains("may not hold it", scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released)).Detail, StringComparison.Ordinal);
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Community, ReleaseForm.Parole));

        Assert.Equal(Cast.FriomsorgOfficer, scenario.Case.CoordinatorId);
        Assert.Equal(ReleaseForm.Parole, scenario.Case.ReleaseForm);
    }

    [Fact]
    public void WhenSupervisionEnds_TheCoordinatorRoleMovesFromFriomsorgToTheMunicipality_WithTheOverlap()
    {
        var scenario = AreasHeldOutside();
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.ExitConversation, scenario.Today, null));
        HandCoordinatorTo(scenario, Cast.Friomsorg, Cast.FriomsorgOfficer);
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Community, ReleaseForm.ElectronicMonitoring));
        scenario.AdvanceDays(30);

        var error = scenario.Refuses(Cast.FriomsorgOfficer, new ChangePhase(CasePhase.Released), ErrorKind.Conflict, ReleaseGate.Code);
        Assert.Equal([ReleaseGate.CoordinatorCode], BlockingCodes(error));

        scenario.Accepts(Cast.FriomsorgOfficer, new OfferHandover(Responsibility.Coordinator, Cast.Municipality, null, scenario.Today.AddDays(7), null));
        scenario.Accepts(Cast.Caseworker, new AcceptHandover(scenario.LastHandoverId));
        scenario.Accepts(Cast.Caseworker, new RecordEncounter(EncounterKind.ContactWithPerson, scenario.Today, [new(Cast.Caseworker, Attendance.Physical)], null));
        var released = scenario.Accepts(Cast.FriomsorgOfficer, new ChangePhase(CasePhase.Released));

        Assert.Contains(released, e => e is HandoverCompleted c && c.NewOwnerId == Cast.Caseworker);
        Assert.Equal(Cast.Caseworker, scenario.Case.CoordinatorId);
        Assert.Equal(D("2026-03-02"), scenario.Case.ReleasedOn);
    }

    [Fact]
    public void OnceThePersonIsOut_TheCoordinatorRoleCannotGoBackIntoThePrison()
    {
        var scenario = Ready();
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));

        scenario.Refuses(Cast.PrisonLeader, new OverrideResponsibility(Responsibility.Coordinator, Cast.Kontaktbetjent, "Tilbake"), ErrorKind.Unprocessable, "owner.cannot-act");
        scenario.Refuses(Cast.Caseworker, new OfferHandover(Responsibility.Coordinator, Cast.Prison, null, scenario.Today, null), ErrorKind.Unprocessable, "coordinator.must-be-outside");
        scenario.Refuses(Cast.Caseworker, new OfferHandover(Responsibility.Coordinator, Cast.Friomsorg, null, scenario.Today, null), ErrorKind.Unprocessable, "coordinator.must-be-outside");
        scenario.Accepts(Cast.Caseworker, new OfferHandover(Responsibility.Coordinator, Cast.Nav, null, scenario.Today, null));
    }

    [Fact]
    public void TheInvariant_CatchesACoordinatorLeftInThePrisonAfterRelease()
    {
        var scenario = Ready();
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));
        var broken = scenario.Case with { CoordinatorId = Cast.Kontaktbetjent };

        Assert.Empty(CaseInvariants.Violations(scenario.Case, scenario.Today));
        Assert.Contains(CaseInvariants.Violations(broken, scenario.Today), v => v.Contains("but the coordinator 'kb-anna' is a Prison member", StringComparison.Ordinal));
    }

    [Fact]
    public void TheExitConversation_IsRequired_UnlessExcepted()
    {
        var scenario = AreasHeldOutside();
        HandCoordinatorTo(scenario, Cast.Municipality, Cast.Caseworker);

        var error = scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released), ErrorKind.Conflict, ReleaseGate.Code);
        Assert.Equal([ReleaseGate.ExitConversationCode], BlockingCodes(error));

        scenario.Accepts(Cast.PrisonLeader, new RecordReleaseException(ReleaseGate.ExitConversationCode, "Løslatt av retten samme dag; samtalen holdes på telefon i morgen"));
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));
    }

    [Fact]
    public void LeavingPrison_CompletesTheHandoversThePrisonWasLettingGoOf_WithTheOverlapMet()
    {
        var scenario = Ready();
        scenario.Identify("work", Cast.Kontaktbetjent);
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover("work", Cast.Nav, null, scenario.Today.AddDays(60), null));
        var work = scenario.LastHandoverId;
        scenario.Accepts(Cast.NavAdvisor, new AcceptHandover(work));
        scenario.Accepts(Cast.NavAdvisor, new RecordEncounter(EncounterKind.ContactWithPerson, scenario.Today, [new(Cast.NavAdvisor, Attendance.Physical)], null));
        scenario.Identify("education", Cast.Kontaktbetjent);

        var events = scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Community, ReleaseForm.Parole));

        Assert.Contains(new HandoverCompleted(work, Cast.NavAdvisor), events);
        Assert.Equal(Cast.NavAdvisor, scenario.Case.OwnerOf("work"));

        // What the prison still holds can no longer be acted on from there: flagged and escalated to the prison's leaders.
        var orphaned = Assert.IsType<ResponsibilityOrphaned>(events.Single(e => e is ResponsibilityOrphaned));
        Assert.Equal(("education", Cast.Kontaktbetjent, Cast.Prison, OrphanCause.PersonLeftPrison), (orphaned.Subject, orphaned.OwnerId, orphaned.UnitId, orphaned.Cause));
        Assert.Contains(events, e => e is EscalationRaised x && x.EscalationId == orphaned.EscalationId && x.UnitId == Cast.Prison);
    }

    [Fact]
    public void AnException_IsRecordedOnlyByALeaderOrTheCoordinator_WithAReason_ForSomethingTheGateAsks()
    {
        var scenario = AreasHeldOutside();

        scenario.Refuses(Cast.NavAdvisor, new RecordReleaseException("housing", "Jeg mener det går bra"), ErrorKind.Forbidden, "release-exception.not-allowed");
        scenario.Refuses(Cast.Stranger, new RecordReleaseException("housing", "?"), ErrorKind.Forbidden, "release-exception.not-allowed");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordReleaseException("housing", " "), ErrorKind.Unprocessable, "release-exception.reason-required");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordReleaseException("work", "Ikke kritisk"), ErrorKind.Unprocessable, "release-exception.not-critical");
        scenario.Accepts(Cast.MunicipalityLeader, new RecordReleaseException("housing", "Kommunens leder: midlertidig bolig er avtalt muntlig"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordReleaseException("income-debt", "NAV-møte dagen etter løslatelse"));
        scenario.Accepts(Cast.PrisonLeader, new RecordReleaseException(ReleaseGate.CoordinatorCode, "Kommunen har ikke oppnevnt koordinator; lederen følger opp"));
    }

    [Fact]
    public void BackToPrison_ClearsTheReleaseDay_AndTheExceptionsThatWereForThatRelease()
    {
        var scenario = Opened();
        scenario.ExceptAllCriticalAreas();
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Community, ReleaseForm.ElectronicMonitoring));
        scenario.AdvanceDays(10);

        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Serving));

        Assert.Null(scenario.Case.ReleasedOn);
        Assert.Null(scenario.Case.ReleaseForm);
        Assert.Empty(scenario.Case.ReleaseExceptions);
        scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Community, ReleaseForm.ElectronicMonitoring), ErrorKind.Conflict, ReleaseGate.Code);
    }
}
