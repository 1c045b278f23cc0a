using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>Domain §8: no release while a critical need area has no accepted owner outside the prison, unless excepted with a reason.</summary>
public sealed class ReleaseGateTests
{
    private static readonly string[] Critical = ["housing", "income-debt", "physical-health", "mental-health", "substance-use"];

    /// <summary>Every critical area identified and owned by the municipality or NAV, as a case ready to go.</summary>
    private static CaseScenario Ready()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Join(Cast.NavAdvisor);
        foreach (var code in Critical)
        {
            scenario.Identify(code, code == "income-debt" ? Cast.NavAdvisor : Cast.Caseworker);
        }

        return scenario;
    }

    [Fact]
    public void Release_IsRefused_WhileCriticalAreasAreNotAssessed_NamingEachOne()
    {
        var scenario = Opened();

        var error = scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released), ErrorKind.Conflict, ReleaseGate.Code);

        Assert.Contains("Bolig (housing) is not assessed", error.Detail, StringComparison.Ordinal);
        Assert.Contains("Rus (substance-use) is not assessed", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("work", error.Detail, StringComparison.Ordinal);
        Assert.Equal(5, ReleaseGate.Blocking(scenario.Case, NeedAreaCatalogue.Default, scenario.Today).Length);
    }

    [Fact]
    public void Release_IsAccepted_WhenEveryCriticalAreaHasAnOwnerOutsideThePrison_AndMakesTheFirstDaysList()
    {
        var scenario = Ready();

        var events = scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));

        Assert.Equal(new PhaseChanged(CasePhase.Released, CasePhase.Serving), events[0]);
        Assert.IsType<FirstDaysListCreated>(events[1]);
        Assert.Equal(CasePhase.Released, scenario.Case.Phase);
        Assert.Equal(scenario.Today, scenario.Case.ReleasedOn);
    }

    [Fact]
    public void Release_IsRefused_WhileACriticalAreaIsOwnedInsideThePrison()
    {
        var scenario = Ready();
        scenario.Accepts(Cast.PrisonLeader, new Contracts.Cases.OverrideResponsibility("housing", Cast.Kontaktbetjent, "Tester"));

        var error = scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released), ErrorKind.Conflict, ReleaseGate.Code);

        Assert.Equal("The case cannot be marked released: Bolig (housing) has no accepted owner outside the prison (owned by 'kb-anna'). "
            + "Hand each to an owner outside the prison, or have a leader or the coordinator record a release exception with a reason.", error.Detail);
    }

    [Fact]
    public void AnOfferedHandover_DoesNotOpenTheGate_AnAcceptedOneDoes()
    {
        var scenario = Ready();
        scenario.Accepts(Cast.PrisonLeader, new OverrideResponsibility("housing", Cast.Kontaktbetjent, "Tester"));
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover("housing", Cast.Municipality, null, scenario.Today.AddDays(7), null));
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
        var need = scenario.Case.NeedAreas["physical-health"];

        scenario.Accepts(Cast.Kontaktbetjent, new UpdateNeedArea("physical-health", need.Version, need.OwnWords, need.Assessment, settled));

        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));
    }

    [Fact]
    public void AnException_WithAReason_LetsTheReleaseGoAhead()
    {
        var scenario = Ready();
        scenario.Accepts(Cast.PrisonLeader, new OverrideResponsibility("housing", Cast.Kontaktbetjent, "Tester"));

        var events = scenario.Accepts(Cast.PrisonLeader, new RecordReleaseException("housing", "Bor hos moren de første ukene; kommunen følger opp"));

        Assert.Equal(new ReleaseExceptionRecorded("housing", "Bor hos moren de første ukene; kommunen følger opp"), Assert.Single(events));
        Assert.Equal(Cast.PrisonLeader, scenario.Case.ReleaseExceptions.Single().RecordedById);
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));
    }

    [Fact]
    public void AnException_IsRecordedOnlyByALeaderOrTheCoordinator_WithAReason_ForACriticalArea()
    {
        var scenario = Ready();

        scenario.Refuses(Cast.NavAdvisor, new RecordReleaseException("housing", "Jeg mener det går bra"), ErrorKind.Forbidden, "release-exception.not-allowed");
        scenario.Refuses(Cast.Stranger, new RecordReleaseException("housing", "?"), ErrorKind.Forbidden, "release-exception.not-allowed");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordReleaseException("housing", " "), ErrorKind.Unprocessable, "release-exception.reason-required");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordReleaseException("work", "Ikke kritisk"), ErrorKind.Unprocessable, "release-exception.not-critical");
        scenario.Accepts(Cast.MunicipalityLeader, new RecordReleaseException("housing", "Kommunens leder: midlertidig bolig er avtalt muntlig"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordReleaseException("income-debt", "NAV-møte dagen etter løslatelse"));
    }
}
