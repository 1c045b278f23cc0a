using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Plan;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

/// <summary>
/// The checker the property relies on must itself catch a broken case: each test breaks one rule directly in a
/// state (as a faulty rule or fold would) and expects a violation.
/// </summary>
public sealed class CaseInvariantsTests
{
    private static CaseScenario Healthy()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Join(Cast.NavAdvisor);
        scenario.Identify("housing", Cast.Caseworker);
        return scenario;
    }

    private static CaseState WithNeed(CaseState s, string code, Func<NeedArea, NeedArea> change) =>
        s with { NeedAreas = s.NeedAreas.SetItem(code, change(s.NeedAreas[code])) };

    [Fact]
    public void Violations_AreNone_ForAHealthyCase()
    {
        var scenario = Healthy();

        Assert.Empty(CaseInvariants.Violations(scenario.Case, scenario.Today));
    }

    [Fact]
    public void Violations_CatchAnIdentifiedNeedWhoseOwnerHasLeftTheGroup()
    {
        var scenario = Healthy();
        var s = scenario.Case;
        var broken = s with { Members = s.Members.SetItem(Cast.Caseworker, s.Members[Cast.Caseworker] with { Until = scenario.Today }) };

        var violation = Assert.Single(CaseInvariants.Violations(broken, scenario.Today));

        Assert.Contains("housing", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Violations_CatchAnOwnerWhoIsLeaving_AndAnOwnerWhoWillHaveLeft()
    {
        var scenario = Healthy();
        var s = scenario.Case;
        var leaving = s with { Members = s.Members.SetItem(Cast.Caseworker, s.Members[Cast.Caseworker] with { Until = scenario.Today.AddDays(5) }) };

        Assert.NotEmpty(CaseInvariants.Violations(leaving, scenario.Today));
        Assert.NotEmpty(CaseInvariants.Violations(leaving, scenario.Today.AddDays(5)));
    }

    [Fact]
    public void Violations_CatchAnIdentifiedNeedWithoutOwner()
    {
        var scenario = Healthy();

        var broken = WithNeed(scenario.Case, "work", n => n with { Status = NeedStatus.InProgress });

        Assert.Contains(CaseInvariants.Violations(broken, scenario.Today), v => v.Contains("work", StringComparison.Ordinal));
    }

    [Fact]
    public void Violations_CatchThePersonAsOwnerOrCoordinator()
    {
        var scenario = Healthy();

        Assert.NotEmpty(CaseInvariants.Violations(WithNeed(scenario.Case, "housing", n => n with { AccountableOwnerId = Cast.Person }), scenario.Today));
        Assert.NotEmpty(CaseInvariants.Violations(scenario.Case with { CoordinatorId = Cast.Person }, scenario.Today));
    }

    [Fact]
    public void Violations_CatchACoordinatorOutsideTheGroup()
    {
        var scenario = Healthy();

        Assert.NotEmpty(CaseInvariants.Violations(scenario.Case with { CoordinatorId = Cast.Stranger }, scenario.Today));
    }

    [Fact]
    public void Violations_CatchASupporterOutsideTheGroup()
    {
        var scenario = Healthy();

        var broken = WithNeed(scenario.Case, "housing", n => n with { SupportingOwnerIds = n.SupportingOwnerIds.Add(Cast.Stranger) });

        Assert.NotEmpty(CaseInvariants.Violations(broken, scenario.Today));
    }

    [Fact]
    public void Violations_CatchTwoOpenHandoversOfOneSubject_AndAHandoverFromSomeoneWhoIsNotOwner()
    {
        var scenario = Healthy();
        scenario.Accepts(Cast.Caseworker, new OfferHandover("housing", Cast.Nav, null, scenario.Today, null));
        var s = scenario.Case;
        var offered = s.Handovers[scenario.LastHandoverId];

        var twice = s with { Handovers = s.Handovers.Add("handover-copy", offered with { HandoverId = "handover-copy" }) };
        var fromOther = s with { Handovers = s.Handovers.SetItem(offered.HandoverId, offered with { FromUserId = Cast.NavAdvisor }) };

        Assert.Contains(CaseInvariants.Violations(twice, scenario.Today), v => v.Contains("2 open handovers", StringComparison.Ordinal));
        Assert.NotEmpty(CaseInvariants.Violations(fromOther, scenario.Today));
    }

    [Fact]
    public void Violations_CatchAnAcceptedHandoverWhoseReceiverLeft()
    {
        var scenario = Healthy();
        scenario.Accepts(Cast.Caseworker, new OfferHandover("housing", Cast.Nav, null, scenario.Today, null));
        scenario.Accepts(Cast.NavAdvisor, new AcceptHandover(scenario.LastHandoverId));
        var s = scenario.Case;

        var broken = s with { Members = s.Members.SetItem(Cast.NavAdvisor, s.Members[Cast.NavAdvisor] with { Until = scenario.Today }) };

        Assert.NotEmpty(CaseInvariants.Violations(broken, scenario.Today));
    }

    [Fact]
    public void Violations_CatchAnOpenMeasureWhoseOwnerLeft()
    {
        var scenario = Healthy();
        scenario.Accepts(Cast.Caseworker, new AddMeasure(["housing"], "Flat viewing", null, Cast.NavAdvisor, null, null));
        var s = scenario.Case;
        Assert.Empty(CaseInvariants.Violations(s, scenario.Today));

        var broken = s with { Members = s.Members.SetItem(Cast.NavAdvisor, s.Members[Cast.NavAdvisor] with { Until = scenario.Today }) };

        Assert.NotEmpty(CaseInvariants.Violations(broken, scenario.Today));
    }
}
