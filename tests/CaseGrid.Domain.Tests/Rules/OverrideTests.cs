using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

public sealed class OverrideTests
{
    private const string Need = "housing";
    private const string Coordinator = Responsibility.Coordinator;

    private static CaseScenario OwnedByTheKontaktbetjent(string subject)
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.FriomsorgOfficer);
        if (subject != Coordinator)
        {
            scenario.Identify(subject, Cast.Kontaktbetjent);
        }

        return scenario;
    }

    [Theory]
    [InlineData(Need, Cast.PrisonLeader)]
    [InlineData(Need, Cast.FriomsorgLeader)]
    [InlineData(Coordinator, Cast.PrisonLeader)]
    [InlineData(Coordinator, Cast.FriomsorgLeader)]
    public void Override_ByALeaderOfTheOldOrNewOwnersUnit_MovesTheResponsibility(string subject, string leader)
    {
        var scenario = OwnedByTheKontaktbetjent(subject);

        var events = scenario.Accepts(leader, new OverrideResponsibility(subject, Cast.FriomsorgOfficer, "Kontaktbetjent on long-term sick leave"));

        Assert.Equal(new ResponsibilityOverridden(subject, Cast.Kontaktbetjent, Cast.FriomsorgOfficer, "Kontaktbetjent on long-term sick leave"), Assert.Single(events));
        Assert.Equal(Cast.FriomsorgOfficer, scenario.Case.OwnerOf(subject));
        Assert.Equal(leader, scenario.Log[^1].ActorId);
        Assert.False(scenario.Case.Members.ContainsKey(leader));
        Assert.Empty(CaseInvariants.Violations(scenario.Case, scenario.Today));
    }

    [Theory]
    [InlineData(Need, Cast.Kontaktbetjent2)]
    [InlineData(Need, Cast.NavLeader)]
    [InlineData(Coordinator, Cast.FriomsorgOfficer2)]
    [InlineData(Coordinator, Cast.MunicipalityLeader)]
    public void Override_IsForbidden_ForSomeoneWhoDoesNotLeadEitherUnit(string subject, string actor)
    {
        var scenario = OwnedByTheKontaktbetjent(subject);

        scenario.Refuses(actor, new OverrideResponsibility(subject, Cast.FriomsorgOfficer, "Because"), ErrorKind.Forbidden, "override.not-leader");
        Assert.Equal(Cast.Kontaktbetjent, scenario.Case.OwnerOf(subject));
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void Override_NeedsAReason(string subject)
    {
        var scenario = OwnedByTheKontaktbetjent(subject);

        scenario.Refuses(Cast.PrisonLeader, new OverrideResponsibility(subject, Cast.FriomsorgOfficer, " "), ErrorKind.Unprocessable, "override.reason-required");
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void Override_CancelsAnOpenHandover(string subject)
    {
        var scenario = OwnedByTheKontaktbetjent(subject);
        scenario.Join(Cast.Caseworker);
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(subject, Cast.Municipality, null, scenario.Today.AddDays(10), null));
        var id = scenario.LastHandoverId;
        scenario.Accepts(Cast.Caseworker, new AcceptHandover(id));

        var events = scenario.Accepts(Cast.PrisonLeader, new OverrideResponsibility(subject, Cast.FriomsorgOfficer, "Moved to friomsorg early"));

        Assert.Equal(2, events.Length);
        Assert.Equal(id, Assert.IsType<HandoverWithdrawn>(events[0]).HandoverId);
        Assert.IsType<ResponsibilityOverridden>(events[1]);
        Assert.Equal(HandoverStatus.Withdrawn, scenario.Case.Handovers[id].Status);
        Assert.Null(scenario.Case.OpenHandoverOf(subject));
        Assert.Equal(Cast.FriomsorgOfficer, scenario.Case.OwnerOf(subject));
        scenario.Accepts(Cast.Caseworker, new EndMembership(Cast.Caseworker, null));
        Assert.Empty(CaseInvariants.Violations(scenario.Case, scenario.Today));
    }

    [Theory]
    [InlineData(Need)]
    [InlineData(Coordinator)]
    public void Override_ReleasesTheFormerOwner(string subject)
    {
        var scenario = OwnedByTheKontaktbetjent(Need);
        if (subject == Need)
        {
            scenario.Accepts(Cast.PrisonLeader, new OverrideResponsibility(Coordinator, Cast.FriomsorgOfficer, "New coordinator"));
        }
        else
        {
            scenario.Accepts(Cast.PrisonLeader, new OverrideResponsibility(Need, Cast.FriomsorgOfficer, "New owner"));
        }

        scenario.Refuses(Cast.Kontaktbetjent, new EndMembership(Cast.Kontaktbetjent, null), ErrorKind.Conflict, "member.holds-responsibility");
        scenario.Accepts(Cast.PrisonLeader, new OverrideResponsibility(subject, Cast.FriomsorgOfficer, "Leaving the prison"));

        scenario.Accepts(Cast.Kontaktbetjent, new EndMembership(Cast.Kontaktbetjent, null));
    }

    [Fact]
    public void Override_ToThePersonOrAnOutsiderOrTheSameOwner_IsRefused()
    {
        var scenario = OwnedByTheKontaktbetjent(Need);

        scenario.Refuses(Cast.PrisonLeader, new OverrideResponsibility(Need, Cast.Person, "They can do it"), ErrorKind.Unprocessable, "owner.is-person");
        scenario.Refuses(Cast.PrisonLeader, new OverrideResponsibility(Need, Cast.Stranger, "Anyone"), ErrorKind.Unprocessable, "owner.not-member");
        scenario.Refuses(Cast.PrisonLeader, new OverrideResponsibility(Need, Cast.Kontaktbetjent, "Same"), ErrorKind.Conflict, "override.same-owner");
        scenario.Refuses(Cast.PrisonLeader, new OverrideResponsibility("work", Cast.FriomsorgOfficer, "Not identified"), ErrorKind.Conflict, "need.not-identified");
    }
}
