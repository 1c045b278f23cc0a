using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>Domain §8 and 001:923: on release, a first-days list drawn from the plan that the group ticks off.</summary>
public sealed class FirstDaysTests
{
    private static CaseScenario Released()
    {
        var s = Opened();
        s.Join(Cast.Caseworker);
        s.Join(Cast.NavAdvisor);
        s.Join(Cast.FriomsorgOfficer);
        s.Identify("housing", Cast.Caseworker);
        s.Identify("income-debt", Cast.NavAdvisor);
        s.Identify("mental-health", Cast.Caseworker);
        s.Accepts(Cast.Caseworker, new AddMeasure(["housing"], "Kommunal leilighet i Årstad", null, Cast.Caseworker, null, null));
        s.Accepts(Cast.Caseworker, new AddMeasure(["mental-health"], "Samtaler med psykolog om angst", null, Cast.Caseworker, null, null));
        s.Accepts(Cast.NavAdvisor, new RecordMilestone(MilestoneKind.BenefitsDecided, s.Today, null));
        s.ExceptAllCriticalAreas();
        s.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released));
        return s;
    }

    [Fact]
    public void Release_MakesTheFirstDaysList_FromThePlan_WithoutHealthDetails()
    {
        var scenario = Released();

        var items = scenario.Case.FirstDays.ToDictionary(i => i.ItemId);

        Assert.Equal(["sleep", "money", "medication", "meets"], scenario.Case.FirstDays.Select(i => i.ItemId));
        Assert.All(scenario.Case.FirstDays, i => Assert.False(i.Done));
        Assert.Equal("Hvor personen sover de første nettene. Bolig: ansvarlig Name of k-gro; tiltak: Kommunal leilighet i Årstad (Name of k-gro)", items["sleep"].Text);
        Assert.Equal("Penger de første dagene. Økonomi og gjeld: ansvarlig Name of nav-jon; ytelser avklart 2026-03-02", items["money"].Text);
        Assert.Equal("Medisiner og resepter. Ansvarlige: Psykisk helse: Name of k-gro", items["medication"].Text);
        Assert.DoesNotContain(scenario.Case.FirstDays, i => i.Text.Contains("psykolog", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Hvem som møter personen på løslatelsesdagen. Koordinator: Name of kb-anna; også Name of fo-dag (friomsorgen), Name of k-gro (kommunen)", items["meets"].Text);
    }

    [Fact]
    public void TheGroup_TicksItemsOff()
    {
        var scenario = Released();

        var events = scenario.Accepts(Cast.Caseworker, new UpdateFirstDaysItem("sleep", true, "Nøkler hentet"));
        scenario.Accepts(Cast.Person, new UpdateFirstDaysItem("meets", true, "Dag møtte meg"));

        Assert.Equal(new FirstDaysItemUpdated("sleep", true, "Nøkler hentet"), Assert.Single(events));
        var sleep = scenario.Case.FirstDays.Single(i => i.ItemId == "sleep");
        Assert.Equal((true, "Nøkler hentet", Cast.Caseworker), (sleep.Done, sleep.Note, sleep.UpdatedById));
        Assert.Empty(scenario.Accepts(Cast.Caseworker, new UpdateFirstDaysItem("sleep", true, "Nøkler hentet")));
    }

    [Fact]
    public void TheList_DoesNotExistBeforeRelease_AndHasOnlyItsItems()
    {
        var scenario = Opened();
        scenario.Refuses(Cast.Kontaktbetjent, new UpdateFirstDaysItem("sleep", true, null), ErrorKind.NotFound, "first-days.item-not-found");

        var released = Released();
        released.Refuses(Cast.Kontaktbetjent, new UpdateFirstDaysItem("pets", true, null), ErrorKind.NotFound, "first-days.item-not-found");
        released.Refuses(Cast.Stranger, new UpdateFirstDaysItem("sleep", true, null), ErrorKind.Forbidden, "case.not-member");
    }
}
