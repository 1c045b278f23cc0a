using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>Domain §8: readiness from release − 8 weeks, each part green, amber, red or not available because of capacity.</summary>
public sealed class ReadinessTests
{
    private static ReleaseReadiness Assess(CaseScenario s) => Readiness.Assess(s.Case, NeedAreaCatalogue.Default, s.Rules, s.Today);

    private static void SetStatus(CaseScenario s, string actor, string code, NeedStatus status)
    {
        var need = s.Case.NeedAreas[code];
        s.Accepts(actor, new UpdateNeedArea(code, need.Version, need.OwnWords, need.Assessment, status));
    }

    /// <summary>Housing short of capacity, income met, health not assessed, work in progress, friomsorg and the municipality in the group.</summary>
    private static CaseScenario Mixed()
    {
        var s = Opened();
        s.Join(Cast.Caseworker);
        s.Join(Cast.NavAdvisor);
        s.Join(Cast.FriomsorgOfficer);
        s.Identify("housing", Cast.Caseworker);
        s.Identify("income-debt", Cast.NavAdvisor);
        s.Identify("work", Cast.NavAdvisor);
        SetStatus(s, Cast.Caseworker, "housing", NeedStatus.UnavailableCapacity);
        SetStatus(s, Cast.NavAdvisor, "income-debt", NeedStatus.Met);
        SetStatus(s, Cast.NavAdvisor, "work", NeedStatus.InProgress);
        return s;
    }

    [Fact]
    public void Readiness_IsNotYetActive_BeforeReleaseMinus8Weeks()
    {
        var scenario = Mixed();
        scenario.AdvanceTo(D("2026-05-10"));

        var readiness = Assess(scenario);

        Assert.False(readiness.Active);
        Assert.Empty(readiness.Items);
        Assert.Null(readiness.Overall);
        Assert.Equal(D("2026-05-11"), readiness.ActiveFrom);
        Assert.Equal("Ikke ennå: vurderes fra 2026-05-11, 8 uker før løslatelse 2026-07-06", readiness.Reason);
    }

    [Fact]
    public void Readiness_ColoursEachPart_WithCapacityAsAStateOfItsOwn()
    {
        var scenario = Mixed();
        scenario.AdvanceTo(D("2026-05-20"));

        var readiness = Assess(scenario);
        var items = readiness.Items.ToDictionary(i => i.Code);

        Assert.True(readiness.Active);
        Assert.Equal(
            ["housing", "income", "treatment", "activity", "friomsorg", "municipal-caseworker", "release-meeting"],
            readiness.Items.Select(i => i.Code));
        Assert.Equal((ReadinessColour.NotAvailableCapacity, "Bolig: ikke tilgjengelig på grunn av kapasitet"), (items["housing"].Colour, items["housing"].Reason));
        Assert.Equal((ReadinessColour.Green, "Økonomi og gjeld: dekket"), (items["income"].Colour, items["income"].Reason));
        Assert.Equal(ReadinessColour.Red, items["treatment"].Colour);
        Assert.Contains("Psykisk helse: ikke vurdert", items["treatment"].Reason, StringComparison.Ordinal);
        Assert.Equal((ReadinessColour.Amber, "Arbeid: under arbeid"), (items["activity"].Colour, items["activity"].Reason));
        Assert.Equal(ReadinessColour.Green, items["friomsorg"].Colour);
        Assert.Equal(ReadinessColour.Green, items["municipal-caseworker"].Colour);
        // Names, never ids: the member by name and the agency in words, not the unit's id.
        Assert.Equal($"{Cast.Name(Cast.FriomsorgOfficer)} (friomsorgen) er med i ansvarsgruppen", items["friomsorg"].Reason);
        Assert.Equal($"{Cast.Name(Cast.Caseworker)} (kommunen) er med i ansvarsgruppen", items["municipal-caseworker"].Reason);
        Assert.Equal((ReadinessColour.Amber, "Ikke holdt ennå; holdes mellom 2026-06-08 og 2026-06-22"), (items["release-meeting"].Colour, items["release-meeting"].Reason));
        Assert.Equal(ReadinessColour.Red, readiness.Overall);
    }

    [Fact]
    public void Capacity_IsNeverGreen_AndWorseThanAmber()
    {
        var scenario = Mixed();
        foreach (var code in new[] { "physical-health", "mental-health", "substance-use" })
        {
            scenario.Identify(code, Cast.Caseworker);
            SetStatus(scenario, Cast.Caseworker, code, NeedStatus.Met);
        }

        scenario.AdvanceTo(D("2026-06-10"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordEncounter(Contracts.Groups.EncounterKind.GroupMeeting, scenario.Today, [new(Cast.Caseworker, Contracts.Groups.Attendance.Digital)], "Løslatelsesmøte"));

        var readiness = Assess(scenario);

        Assert.Equal(ReadinessColour.NotAvailableCapacity, readiness.Overall);
        Assert.Equal(ReadinessColour.Green, readiness.Items.Single(i => i.Code == "release-meeting").Colour);
    }

    [Fact]
    public void WorkStillUnderWay_TurnsRed_CloseToRelease()
    {
        var scenario = Mixed();
        scenario.AdvanceTo(D("2026-07-01"));

        var activity = Assess(scenario).Items.Single(i => i.Code == "activity");

        Assert.Equal(ReadinessColour.Red, activity.Colour);
        Assert.Equal("Arbeid: under arbeid; 5 dager til løslatelse; Utdanning: ikke vurdert", activity.Reason);
    }

    [Fact]
    public void BenefitsDecided_MakesIncomeGreen()
    {
        var scenario = Opened();
        scenario.AdvanceTo(D("2026-06-01"));
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.BenefitsDecided, scenario.Today, "Sosialhjelp fra 6. juli"));

        var income = Assess(scenario).Items.Single(i => i.Code == "income");

        Assert.Equal((ReadinessColour.Green, "Ytelser avklart 2026-06-01"), (income.Colour, income.Reason));
    }

    [Fact]
    public void NoMunicipalCaseworker_IsRed_OnceTheMunicipalityShouldHaveBeenContacted()
    {
        var scenario = Opened();
        scenario.AdvanceTo(D("2026-05-20"));

        var item = Assess(scenario).Items.Single(i => i.Code == "municipal-caseworker");

        Assert.Equal((ReadinessColour.Red, "Ingen fra kommunen i ansvarsgruppen; fristen var 2026-03-30"), (item.Colour, item.Reason));
    }

    [Fact]
    public void UnknownRelease_IsAssessedAllTheTime()
    {
        var scenario = Opened(new KeyDates(SentenceStart: Intake));

        var readiness = Assess(scenario);

        Assert.True(readiness.Active);
        Assert.Null(readiness.Release);
        Assert.Equal("Løslatelsesdato ukjent: vurderes fortløpende", readiness.Reason);
        Assert.Equal(7, readiness.Items.Length);
    }

    [Fact]
    public void AConditionalCommitment_ShowsInTheReason()
    {
        var scenario = Mixed();
        scenario.Accepts(Cast.Caseworker, new AddMeasure(["work"], "Arbeidstrening", null, Cast.NavAdvisor, null, null, TwoThirds));
        var id = scenario.LastMeasureId;
        scenario.Accepts(Cast.Person, new ChangeMeasureStatus(id, scenario.Case.Measures[id].Version, MeasureStatus.ChosenByPerson, null));
        scenario.Accepts(Cast.NavAdvisor, new ChangeMeasureStatus(id, scenario.Case.Measures[id].Version, MeasureStatus.AcceptedByOwner, null));
        scenario.AdvanceTo(D("2026-05-20"));

        var activity = Assess(scenario).Items.Single(i => i.Code == "activity");

        Assert.Equal("Arbeid: under arbeid; betinget tilsagn ved løslatelse 2026-07-06", activity.Reason);
    }
}
