using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

public sealed class MembershipTests
{
    [Fact]
    public void AnyCaseCommand_IsForbidden_ForSomeoneOutsideTheGroup()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Caseworker, new SubmitProposal(null, "Let me help"), ErrorKind.Forbidden, "case.not-member");
        scenario.Refuses(Cast.PrisonLeader, new ChangePhase(CasePhase.Released), ErrorKind.Forbidden, "case.not-member");
    }

    [Fact]
    public void AddMember_JoinsTheGroupFromToday()
    {
        var scenario = CaseScenario.Opened();

        var events = scenario.Accepts(Cast.Kontaktbetjent, new AddMember(Cast.NavAdvisor, "Jon", MemberRole.NavAdvisor, Agency.Nav, Cast.Nav, null));

        var added = Assert.IsType<MemberAdded>(Assert.Single(events));
        Assert.Equal(scenario.Today, added.Member.From);
        Assert.True(scenario.Case.IsActiveMember(Cast.NavAdvisor, scenario.Today));
        scenario.Accepts(Cast.NavAdvisor, new SubmitProposal(null, "Apply for AAP"));
    }

    [Fact]
    public void AddMember_IsConflict_ForSomeoneAlreadyInTheGroup()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);

        scenario.Refuses(Cast.Kontaktbetjent, new AddMember(Cast.NavAdvisor, "Jon", MemberRole.NavAdvisor, Agency.Nav, Cast.Nav, null), ErrorKind.Conflict, "member.exists");
    }

    [Fact]
    public void AddMember_IsForbidden_ForThePerson()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Person, new AddMember(Cast.NgoWorker, "Mona", MemberRole.NgoWorker, Agency.Ngo, null, null), ErrorKind.Forbidden, "member.person-cannot-add");
    }

    [Fact]
    public void AddMember_IsUnprocessable_WhenRoleAndAgencyDisagreeAboutBeingThePerson()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new AddMember(Cast.NgoWorker, "Mona", MemberRole.Person, Agency.Ngo, null, null), ErrorKind.Unprocessable, "member.role-agency");
    }

    [Fact]
    public void AddMember_FromALaterDay_IsNotAMemberUntilThen()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker, from: scenario.Today.AddDays(3));

        scenario.Refuses(Cast.Caseworker, new SubmitProposal(null, "Early bird"), ErrorKind.Forbidden, "case.not-member");
        scenario.Refuses(Cast.Kontaktbetjent, new IdentifyNeed("housing", Cast.Caseworker, null, null), ErrorKind.Unprocessable, "owner.not-member");
        scenario.AdvanceDays(3);
        scenario.Accepts(Cast.Caseworker, new SubmitProposal(null, "On time"));
    }

    [Fact]
    public void EndMembership_IsRefused_WhileTheMemberOwnsANeedArea()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Identify("housing", Cast.Caseworker);

        var error = scenario.Refuses(Cast.Caseworker, new EndMembership(Cast.Caseworker, null), ErrorKind.Conflict, "member.holds-responsibility");

        Assert.Contains("housing", error.Detail, StringComparison.Ordinal);
        scenario.Refuses(Cast.Kontaktbetjent, new EndMembership(Cast.Caseworker, scenario.Today.AddDays(14)), ErrorKind.Conflict, "member.holds-responsibility");
    }

    [Fact]
    public void EndMembership_IsRefused_ForTheCoordinator()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new EndMembership(Cast.Kontaktbetjent, null), ErrorKind.Conflict, "member.holds-responsibility");
    }

    [Fact]
    public void EndMembership_IsRefused_WhileTheMemberOwnsAnOpenMeasure()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);
        scenario.Accepts(Cast.Kontaktbetjent, new AddMeasure(["income-debt"], "Apply for social assistance", null, Cast.NavAdvisor, null, null));

        scenario.Refuses(Cast.NavAdvisor, new EndMembership(Cast.NavAdvisor, null), ErrorKind.Conflict, "member.holds-responsibility");
    }

    [Fact]
    public void EndMembership_IsRefused_ForThePerson()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new EndMembership(Cast.Person, null), ErrorKind.Conflict, "member.is-person");
    }

    [Fact]
    public void EndMembership_OfAnotherMember_IsForbidden_ForSomeoneOtherThanTheCoordinator()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Join(Cast.NavAdvisor);

        scenario.Refuses(Cast.Caseworker, new EndMembership(Cast.NavAdvisor, null), ErrorKind.Forbidden, "member.not-coordinator");
    }

    [Fact]
    public void EndMembership_IsUnprocessable_ForADayInThePast()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.AdvanceDays(5);

        scenario.Refuses(Cast.Caseworker, new EndMembership(Cast.Caseworker, scenario.Today.AddDays(-1)), ErrorKind.Unprocessable, "member.until-in-past");
    }

    [Fact]
    public void EndMembership_LapsesSupportingAndDeputyRoles()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Join(Cast.Caseworker2);
        scenario.Identify("housing", Cast.Caseworker);
        scenario.Identify("work", Cast.Kontaktbetjent);
        scenario.Accepts(Cast.Caseworker, new AddSupportingOwner("housing", Cast.Caseworker2));
        scenario.Accepts(Cast.Kontaktbetjent, new AddSupportingOwner("work", Cast.Caseworker2));
        scenario.Accepts(Cast.Caseworker, new SetDeputy(Cast.Caseworker, Cast.Caseworker2));
        scenario.Accepts(Cast.Kontaktbetjent, new SetDeputy(Cast.Kontaktbetjent, Cast.Caseworker2));

        var events = scenario.Accepts(Cast.Caseworker2, new EndMembership(Cast.Caseworker2, null));

        Assert.Equal(5, events.Length);
        Assert.Contains(new SupportingOwnerRemoved("housing", Cast.Caseworker2), events);
        Assert.Contains(new SupportingOwnerRemoved("work", Cast.Caseworker2), events);
        Assert.Contains(new DeputySet(Cast.Caseworker, null), events);
        Assert.Contains(new DeputySet(Cast.Kontaktbetjent, null), events);
        Assert.Equal(new MembershipEnded(Cast.Caseworker2, scenario.Today), events[^1]);
        var state = scenario.Case;
        Assert.Empty(state.NeedAreas["housing"].SupportingOwnerIds);
        Assert.Empty(state.NeedAreas["work"].SupportingOwnerIds);
        Assert.Null(state.Members[Cast.Caseworker].DeputyUserId);
        Assert.Null(state.Members[Cast.Kontaktbetjent].DeputyUserId);
        Assert.False(state.IsActiveMember(Cast.Caseworker2, scenario.Today));
        Assert.Empty(CaseGrid.Domain.CaseInvariants.Violations(state, scenario.Today));
    }

    [Fact]
    public void EndedMember_CanNoLongerAct()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Accepts(Cast.Kontaktbetjent, new EndMembership(Cast.Caseworker, null));

        scenario.Refuses(Cast.Caseworker, new SubmitProposal(null, "Still here?"), ErrorKind.Forbidden, "case.not-member");
        scenario.Refuses(Cast.Kontaktbetjent, new IdentifyNeed("housing", Cast.Caseworker, null, null), ErrorKind.Unprocessable, "owner.not-member");
        Assert.True(scenario.Case.Members.ContainsKey(Cast.Caseworker));
    }

    [Fact]
    public void EndMembership_OnALaterDay_KeepsTheMemberUntilThenButGivesThemNoNewResponsibility()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Accepts(Cast.Caseworker, new EndMembership(Cast.Caseworker, scenario.Today.AddDays(7)));

        scenario.Accepts(Cast.Caseworker, new SubmitProposal(null, "Before I go"));
        scenario.Refuses(Cast.Kontaktbetjent, new IdentifyNeed("housing", Cast.Caseworker, null, null), ErrorKind.Unprocessable, "owner.leaving");
        scenario.Refuses(Cast.Kontaktbetjent, new AddMeasure(["housing"], "Find a flat", null, Cast.Caseworker, null, null), ErrorKind.Unprocessable, "measure.owner-not-member");
        scenario.Refuses(Cast.Kontaktbetjent, new SetDeputy(Cast.Kontaktbetjent, Cast.Caseworker), ErrorKind.Unprocessable, "deputy.not-eligible");
        scenario.AdvanceDays(7);
        scenario.Refuses(Cast.Caseworker, new SubmitProposal(null, "After I went"), ErrorKind.Forbidden, "case.not-member");
    }

    [Fact]
    public void FormerMember_CanBeAddedAgain()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Accepts(Cast.Kontaktbetjent, new EndMembership(Cast.Caseworker, null));
        scenario.AdvanceDays(1);

        scenario.Join(Cast.Caseworker);

        Assert.True(scenario.Case.IsActiveMember(Cast.Caseworker, scenario.Today));
        Assert.Null(scenario.Case.Members[Cast.Caseworker].Until);
    }

    [Fact]
    public void CoordinatorsDeputy_ActsAsCoordinator()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Kontaktbetjent2);
        scenario.Join(Cast.Caseworker);
        scenario.Accepts(Cast.Kontaktbetjent, new SetDeputy(Cast.Kontaktbetjent, Cast.Kontaktbetjent2));

        scenario.Accepts(Cast.Kontaktbetjent2, new EndMembership(Cast.Caseworker, null));

        Assert.False(scenario.Case.IsActiveMember(Cast.Caseworker, scenario.Today));
    }

    [Fact]
    public void SetDeputy_IsUnprocessable_ForThePersonOrOneself()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new SetDeputy(Cast.Kontaktbetjent, Cast.Person), ErrorKind.Unprocessable, "deputy.not-eligible");
        scenario.Refuses(Cast.Kontaktbetjent, new SetDeputy(Cast.Kontaktbetjent, Cast.Kontaktbetjent), ErrorKind.Unprocessable, "deputy.self");
    }

    [Fact]
    public void EndMembership_IsRefused_WhileTheMemberIsPartyToAnOpenHandover()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.FriomsorgOfficer);
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, Cast.Friomsorg, Cast.FriomsorgOfficer, scenario.Today.AddDays(3), null));
        scenario.Accepts(Cast.FriomsorgOfficer, new AcceptHandover(scenario.LastHandoverId));

        scenario.Refuses(Cast.FriomsorgOfficer, new EndMembership(Cast.FriomsorgOfficer, null), ErrorKind.Conflict, "member.holds-responsibility");
    }
}
