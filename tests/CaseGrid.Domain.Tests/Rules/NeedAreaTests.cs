using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Plan;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

public sealed class NeedAreaTests
{
    [Fact]
    public void IdentifyNeed_GivesTheAreaItsAccountableOwner()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);

        var events = scenario.Accepts(Cast.Kontaktbetjent, new IdentifyNeed("housing", Cast.Caseworker, "A place of my own", "No address after release"));

        Assert.Equal(new NeedIdentified("housing", Cast.Caseworker, "A place of my own", "No address after release"), Assert.Single(events));
        var need = scenario.Case.NeedAreas["housing"];
        Assert.Equal(NeedStatus.NeedIdentified, need.Status);
        Assert.Equal(Cast.Caseworker, need.AccountableOwnerId);
        Assert.Equal("A place of my own", need.OwnWords);
        Assert.Equal(scenario.Case.Version, need.Version);
    }

    [Fact]
    public void IdentifyNeed_IsUnprocessable_WhenTheOwnerIsThePerson()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new IdentifyNeed("housing", Cast.Person, null, null), ErrorKind.Unprocessable, "owner.is-person");
    }

    [Fact]
    public void IdentifyNeed_IsUnprocessable_WhenTheOwnerIsNotAMember()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new IdentifyNeed("housing", Cast.Caseworker, null, null), ErrorKind.Unprocessable, "owner.not-member");
    }

    [Fact]
    public void IdentifyNeed_IsForbidden_ForThePerson()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Person, new IdentifyNeed("housing", Cast.Kontaktbetjent, null, null), ErrorKind.Forbidden, "need.person-cannot-assign");
    }

    [Fact]
    public void IdentifyNeed_IsConflict_WhenTheAreaIsAlreadyOwned()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Identify("housing", Cast.Kontaktbetjent);

        scenario.Refuses(Cast.Kontaktbetjent, new IdentifyNeed("housing", Cast.Caseworker, null, null), ErrorKind.Conflict, "need.already-identified");
        Assert.Equal(Cast.Kontaktbetjent, scenario.Case.NeedAreas["housing"].AccountableOwnerId);
    }

    [Fact]
    public void IdentifyNeed_IsNotFound_ForACodeOutsideTheCatalogue()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new IdentifyNeed("astrology", Cast.Kontaktbetjent, null, null), ErrorKind.NotFound, "need.not-found");
    }

    [Fact]
    public void UpdateNeedArea_ByTheOwner_ChangesWordsAssessmentAndStatus()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Identify("housing", Cast.Caseworker);
        var version = scenario.Case.NeedAreas["housing"].Version;

        scenario.Accepts(Cast.Caseworker, new UpdateNeedArea("housing", version, "A flat near my kids", "Applied for municipal flat", NeedStatus.InProgress));

        var need = scenario.Case.NeedAreas["housing"];
        Assert.Equal(NeedStatus.InProgress, need.Status);
        Assert.Equal("A flat near my kids", need.OwnWords);
        Assert.Equal("Applied for municipal flat", need.Assessment);
        Assert.True(need.Version > version);
    }

    [Fact]
    public void UpdateNeedArea_IsConflictCarryingTheCurrentValue_WhenTheVersionIsStale()
    {
        var scenario = CaseScenario.Opened();
        scenario.Identify("housing", Cast.Kontaktbetjent);
        var read = scenario.Case.NeedAreas["housing"];
        scenario.Accepts(Cast.Kontaktbetjent, new UpdateNeedArea("housing", read.Version, "First edit", read.Assessment, NeedStatus.InProgress));

        var error = scenario.Refuses(Cast.Kontaktbetjent, new UpdateNeedArea("housing", read.Version, "Second edit", read.Assessment, NeedStatus.Met), ErrorKind.Conflict, "version.stale");

        var current = Assert.IsType<NeedArea>(error.Current);
        Assert.Equal("First edit", current.OwnWords);
        Assert.Equal(scenario.Case.NeedAreas["housing"], current);
        Assert.Equal(current.Version, error.CurrentVersion);
    }

    [Fact]
    public void UpdateNeedArea_OnDifferentAreasFromTheSameRead_NeverConflict()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Join(Cast.NavAdvisor);
        scenario.Identify("housing", Cast.Caseworker);
        scenario.Identify("income-debt", Cast.NavAdvisor);
        var read = scenario.Case;

        scenario.Accepts(Cast.Caseworker, new UpdateNeedArea("housing", read.NeedAreas["housing"].Version, null, "Flat found", NeedStatus.Met));
        scenario.Accepts(Cast.NavAdvisor, new UpdateNeedArea("income-debt", read.NeedAreas["income-debt"].Version, null, "Debt plan", NeedStatus.InProgress));

        Assert.Equal(NeedStatus.Met, scenario.Case.NeedAreas["housing"].Status);
        Assert.Equal(NeedStatus.InProgress, scenario.Case.NeedAreas["income-debt"].Status);
    }

    [Fact]
    public void UpdateNeedArea_IsAcceptedWithoutEvents_WhenNothingChanges()
    {
        var scenario = CaseScenario.Opened();
        scenario.Identify("housing", Cast.Kontaktbetjent);
        var need = scenario.Case.NeedAreas["housing"];

        var events = scenario.Accepts(Cast.Kontaktbetjent, new UpdateNeedArea("housing", need.Version, need.OwnWords, need.Assessment, need.Status));

        Assert.Empty(events);
    }

    [Fact]
    public void UpdateNeedArea_ByThePerson_MayChangeOnlyTheirOwnWords()
    {
        var scenario = CaseScenario.Opened();
        scenario.Identify("housing", Cast.Kontaktbetjent);
        var need = scenario.Case.NeedAreas["housing"];

        scenario.Refuses(Cast.Person, new UpdateNeedArea("housing", need.Version, "Mine", need.Assessment, NeedStatus.Met), ErrorKind.Forbidden, "need.person-own-words-only");
        scenario.Accepts(Cast.Person, new UpdateNeedArea("housing", need.Version, "Mine", need.Assessment, need.Status));

        Assert.Equal("Mine", scenario.Case.NeedAreas["housing"].OwnWords);
    }

    [Fact]
    public void UpdateNeedArea_IsForbidden_ForAMemberWhoNeitherOwnsNorSupportsIt()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);
        scenario.Identify("housing", Cast.Kontaktbetjent);
        var need = scenario.Case.NeedAreas["housing"];

        scenario.Refuses(Cast.NavAdvisor, new UpdateNeedArea("housing", need.Version, null, "Not mine", NeedStatus.Met), ErrorKind.Forbidden, "need.not-owner");
    }

    [Fact]
    public void UpdateNeedArea_CannotSkipIdentificationOrGoBackToNotAssessed()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new UpdateNeedArea("work", scenario.Case.NeedAreas["work"].Version, null, null, NeedStatus.InProgress), ErrorKind.Conflict, "need.identify-first");
        scenario.Identify("work", Cast.Kontaktbetjent);
        scenario.Refuses(Cast.Kontaktbetjent, new UpdateNeedArea("work", scenario.Case.NeedAreas["work"].Version, null, null, NeedStatus.NotAssessed), ErrorKind.Conflict, "need.cannot-unassess");
    }

    [Fact]
    public void SupportingOwner_CanBeAddedAndRemoved_ButNeverThePerson()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NgoWorker);
        scenario.Identify("network", Cast.Kontaktbetjent);

        scenario.Refuses(Cast.Kontaktbetjent, new AddSupportingOwner("network", Cast.Person), ErrorKind.Unprocessable, "owner.is-person");
        scenario.Accepts(Cast.NgoWorker, new AddSupportingOwner("network", Cast.NgoWorker));
        Assert.Equal(Cast.NgoWorker, Assert.Single(scenario.Case.NeedAreas["network"].SupportingOwnerIds));
        scenario.Refuses(Cast.Kontaktbetjent, new AddSupportingOwner("network", Cast.NgoWorker), ErrorKind.Conflict, "need.already-owner");
        scenario.Accepts(Cast.Kontaktbetjent, new RemoveSupportingOwner("network", Cast.NgoWorker));

        Assert.Empty(scenario.Case.NeedAreas["network"].SupportingOwnerIds);
    }

    [Fact]
    public void Goals_EditsOfDifferentGoalsFromTheSameRead_NeverConflict()
    {
        var scenario = CaseScenario.Opened();
        scenario.Accepts(Cast.Kontaktbetjent, new AddGoal("work", "A job by summer"));
        scenario.Accepts(Cast.Kontaktbetjent, new AddGoal("education", "Finish upper secondary"));
        var read = scenario.Case.Goals.Values.ToDictionary(g => g.NeedCode);

        scenario.Accepts(Cast.Kontaktbetjent, new UpdateGoal(read["work"].GoalId, read["work"].Version, "A job by autumn", false));
        scenario.Accepts(Cast.Kontaktbetjent, new UpdateGoal(read["education"].GoalId, read["education"].Version, "Finish upper secondary", true));
        var error = scenario.Refuses(Cast.Kontaktbetjent, new UpdateGoal(read["work"].GoalId, read["work"].Version, "A job now", false), ErrorKind.Conflict, "version.stale");

        Assert.Equal("A job by autumn", Assert.IsType<Goal>(error.Current).Text);
        Assert.True(scenario.Case.Goals[read["education"].GoalId].Achieved);
    }
}
