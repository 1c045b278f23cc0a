using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Units;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

public sealed class CaseOpeningTests
{
    [Fact]
    public void OpenCase_MakesTheCreatorCoordinatorAndOnlyMember()
    {
        var scenario = new CaseScenario();

        var events = scenario.Accepts(Cast.Kontaktbetjent, CaseScenario.StandardOpen());

        var opened = Assert.IsType<CaseOpened>(Assert.Single(events));
        var state = scenario.Case;
        Assert.Equal(Cast.Kontaktbetjent, state.CoordinatorId);
        var creator = Assert.Single(state.Members.Values);
        Assert.Equal(Cast.Kontaktbetjent, creator.UserId);
        Assert.Equal(MemberRole.Kontaktbetjent, creator.Role);
        Assert.Equal(Agency.Prison, creator.Agency);
        Assert.Equal(Cast.Prison, creator.UnitId);
        Assert.Equal(scenario.Today, creator.From);
        Assert.Null(creator.Until);
        Assert.True(state.IsActiveMember(Cast.Kontaktbetjent, scenario.Today));
        Assert.Equal(Cast.Prison, state.CurrentUnitId);
        Assert.Equal(CaseScenario.CaseId, state.CaseId);
        Assert.Equal(opened.GroupId, state.GroupId);
        Assert.Equal(1, state.Version);
        Assert.Empty(CaseInvariants.Violations(state, scenario.Today));
    }

    [Fact]
    public void OpenCase_StartsEveryCatalogueNeedAreaNotAssessedWithoutOwner()
    {
        var scenario = CaseScenario.Opened();

        var codes = NeedAreaCatalogue.Default.Entries.Select(e => e.Code).Order(StringComparer.Ordinal);
        Assert.Equal(codes, scenario.Case.NeedAreas.Keys.Order(StringComparer.Ordinal));
        Assert.All(scenario.Case.NeedAreas.Values, n =>
        {
            Assert.Equal(NeedStatus.NotAssessed, n.Status);
            Assert.Null(n.AccountableOwnerId);
        });
    }

    [Fact]
    public void OpenCase_AcceptsUnknownKeyDates()
    {
        var scenario = new CaseScenario();

        scenario.Accepts(Cast.Kontaktbetjent, CaseScenario.StandardOpen(KeyDates.Unknown));

        Assert.Equal(KeyDates.Unknown, scenario.Case.Dates);
    }

    [Fact]
    public void OpenCase_IsForbidden_WhenActorIsNotStaffOfTheUnit()
    {
        var scenario = new CaseScenario();

        scenario.Refuses(Cast.FriomsorgOfficer, CaseScenario.StandardOpen(), ErrorKind.Forbidden, "unit.not-staff");
        scenario.Refuses(Cast.Stranger, CaseScenario.StandardOpen(), ErrorKind.Forbidden, "unit.not-staff");
        Assert.Null(scenario.State);
    }

    [Fact]
    public void OpenCase_IsUnprocessable_WhenTheUnitIsUnknown()
    {
        var scenario = new CaseScenario();

        scenario.Refuses(Cast.Kontaktbetjent, CaseScenario.StandardOpen() with { UnitId = Cast.UnknownUnit }, ErrorKind.Unprocessable, "unit.unknown");
    }

    [Fact]
    public void OpenCase_IsUnprocessable_WhenTheHomeMunicipalityIsUnknown()
    {
        var scenario = new CaseScenario();

        scenario.Refuses(
            Cast.Kontaktbetjent,
            CaseScenario.StandardOpen() with { Home = new HomeMunicipality(Cast.UnknownUnit) },
            ErrorKind.Unprocessable,
            "unit.unknown");
    }

    [Fact]
    public void OpenCase_IsUnprocessable_WhenKnownDatesAreOutOfOrder()
    {
        var scenario = new CaseScenario();
        var dates = new KeyDates(SentenceStart: new DateOnly(2026, 3, 1), ExpectedRelease: new DateOnly(2026, 2, 1));

        scenario.Refuses(Cast.Kontaktbetjent, CaseScenario.StandardOpen(dates), ErrorKind.Unprocessable, "dates.out-of-order");
    }

    [Fact]
    public void OpenCase_IsBadRequest_WhenTheCreatorsRoleIsPerson()
    {
        var scenario = new CaseScenario();

        scenario.Refuses(Cast.Kontaktbetjent, CaseScenario.StandardOpen() with { CreatorRole = MemberRole.Person }, ErrorKind.BadRequest, "role.invalid");
    }

    [Fact]
    public void OpenCase_IsBadRequest_WithoutAHomeMunicipality()
    {
        var scenario = new CaseScenario();

        scenario.Refuses(Cast.Kontaktbetjent, CaseScenario.StandardOpen() with { Home = null! }, ErrorKind.BadRequest, "id.invalid");
    }

    [Fact]
    public void OpenCase_IsConflict_WhenTheCaseAlreadyExists()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, CaseScenario.StandardOpen(), ErrorKind.Conflict, "case.exists");
    }

    [Fact]
    public void OpenCase_IsDecidedOnWhatTheGivenUnitsSay()
    {
        var scenario = new CaseScenario();
        var prison = new UnitInfo(Cast.Prison, "Bergen fengsel", Agency.Prison);
        var municipality = new UnitInfo(Cast.Municipality, "Bergen kommune", Agency.Municipality);
        var notStaff = ImmutableDictionary<string, UnitResolution>.Empty
            .Add(Cast.Prison, new UnitResolution(prison, false, false))
            .Add(Cast.Municipality, new UnitResolution(municipality, false, false));

        scenario.Refuses(Cast.Kontaktbetjent, CaseScenario.StandardOpen(), notStaff);
        scenario.Accepts(Cast.Stranger, CaseScenario.StandardOpen(), notStaff.SetItem(Cast.Prison, new UnitResolution(prison, true, false)));

        Assert.Equal(Cast.Stranger, scenario.Case.CoordinatorId);
    }

    [Fact]
    public void AnyCommand_IsNotFound_BeforeTheCaseIsOpened()
    {
        var scenario = new CaseScenario();

        scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Released), ErrorKind.NotFound, "case.not-found");
    }
}
