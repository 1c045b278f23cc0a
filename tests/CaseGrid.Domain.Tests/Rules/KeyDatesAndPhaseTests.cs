using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

public sealed class KeyDatesAndPhaseTests
{
    private static readonly DateOnly Jan = new(2026, 1, 5);
    private static readonly DateOnly May = new(2026, 5, 4);
    private static readonly DateOnly Jul = new(2026, 7, 3);

    [Fact]
    public void SetKeyDates_AcceptsAllDatesUnknown()
    {
        var scenario = CaseScenario.Opened();

        var events = scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(KeyDates.Unknown, scenario.Case.DatesVersion));

        var changed = Assert.IsType<KeyDatesChanged>(Assert.Single(events));
        Assert.Equal(KeyDates.Unknown, changed.Dates);
        Assert.Equal(KeyDates.Unknown, scenario.Case.Dates);
        Assert.Equal(scenario.Case.Version, scenario.Case.DatesVersion);
    }

    [Fact]
    public void SetKeyDates_AcceptsSomeDatesUnknown_WhenTheKnownOnesAreInOrder()
    {
        var scenario = CaseScenario.Opened();
        var dates = new KeyDates(SentenceStart: Jan, EndOfSentence: Jul, EndOfSupervision: Jul);

        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(dates, null));

        Assert.Equal(dates, scenario.Case.Dates);
    }

    [Fact]
    public void SetKeyDates_IsConflictCarryingTheCurrentValue_WhenExpectedVersionIsStale()
    {
        var scenario = CaseScenario.Opened();
        var staleVersion = scenario.Case.DatesVersion;
        var first = new KeyDates(Jan, May, May, Jul);
        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(first with { ExpectedRelease = Jul }, staleVersion));

        var error = scenario.Refuses(Cast.Kontaktbetjent, new SetKeyDates(KeyDates.Unknown, staleVersion), ErrorKind.Conflict, "version.stale");

        Assert.Equal(scenario.Case.DatesVersion, error.CurrentVersion);
        Assert.Equal(first with { ExpectedRelease = Jul }, error.Current);
    }

    [Fact]
    public void SetKeyDates_WithoutExpectedVersion_OverwritesTheLatest()
    {
        var scenario = CaseScenario.Opened();
        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(new KeyDates(Jan), null));

        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(new KeyDates(Jan, May), null));

        Assert.Equal(new KeyDates(Jan, May), scenario.Case.Dates);
    }

    [Fact]
    public void SetKeyDates_IsAcceptedWithoutEvents_WhenNothingChanges()
    {
        var scenario = CaseScenario.Opened();
        var version = scenario.Case.Version;

        var events = scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(scenario.Case.Dates, scenario.Case.DatesVersion));

        Assert.Empty(events);
        Assert.Equal(version, scenario.Case.Version);
    }

    [Theory]
    [InlineData("2026-05-04", "2026-03-01", null, null, null)]
    [InlineData("2026-01-05", "2026-05-04", "2026-05-01", null, null)]
    [InlineData(null, "2026-05-04", "2026-05-04", "2026-05-03", null)]
    [InlineData(null, null, "2026-05-04", null, "2026-05-03")]
    [InlineData("2026-05-04", null, null, "2026-01-05", null)]
    [InlineData("2026-05-04", null, null, null, "2026-01-05")]
    public void SetKeyDates_IsUnprocessable_WhenKnownDatesAreOutOfOrder(string? start, string? earliest, string? expected, string? end, string? supervision)
    {
        var scenario = CaseScenario.Opened();
        var dates = new KeyDates(Parse(start), Parse(earliest), Parse(expected), Parse(end), Parse(supervision));

        scenario.Refuses(Cast.Kontaktbetjent, new SetKeyDates(dates, null), ErrorKind.Unprocessable, "dates.out-of-order");
    }

    [Fact]
    public void SetKeyDates_IsForbidden_ForAMunicipalMemberWhoIsNotCoordinator()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);

        scenario.Refuses(Cast.Caseworker, new SetKeyDates(KeyDates.Unknown, null), ErrorKind.Forbidden, "dates.not-correctional");
    }

    [Theory]
    [InlineData(CasePhase.Summoned, CasePhase.Intake)]
    [InlineData(CasePhase.Summoned, CasePhase.Community)]
    [InlineData(CasePhase.Intake, CasePhase.Serving)]
    [InlineData(CasePhase.Intake, CasePhase.Released)]
    [InlineData(CasePhase.Serving, CasePhase.Community)]
    [InlineData(CasePhase.Serving, CasePhase.Released)]
    [InlineData(CasePhase.Community, CasePhase.Serving)]
    [InlineData(CasePhase.Community, CasePhase.Released)]
    [InlineData(CasePhase.Released, CasePhase.Aftercare)]
    [InlineData(CasePhase.Released, CasePhase.Closed)]
    [InlineData(CasePhase.Aftercare, CasePhase.Closed)]
    public void ChangePhase_IsAccepted_ForAnAllowedMove(CasePhase from, CasePhase to)
    {
        var scenario = CaseScenario.Opened(phase: from);
        var release = CasePhases.IsRelease(from, to) || to == CasePhase.Released;
        if (release)
        {
            // The release gate has its own tests (ReleaseGateTests); here it is passed by exceptions.
            scenario.ExceptAllCriticalAreas();
        }

        var events = scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(to));

        Assert.Equal(new PhaseChanged(to, from, to == CasePhase.Released && CasePhases.IsInPrison(from) ? ReleaseForm.FullTime : null), events[0]);
        Assert.Equal(release, events.Any(e => e is FirstDaysListCreated));
        Assert.Equal(to, scenario.Case.Phase);
        Assert.Empty(CaseInvariants.Violations(scenario.Case, scenario.Today));
    }

    [Theory]
    [InlineData(CasePhase.Serving, CasePhase.Summoned)]
    [InlineData(CasePhase.Serving, CasePhase.Intake)]
    [InlineData(CasePhase.Serving, CasePhase.Serving)]
    [InlineData(CasePhase.Serving, CasePhase.Aftercare)]
    [InlineData(CasePhase.Serving, CasePhase.Closed)]
    [InlineData(CasePhase.Released, CasePhase.Serving)]
    [InlineData(CasePhase.Aftercare, CasePhase.Released)]
    [InlineData(CasePhase.Summoned, CasePhase.Released)]
    public void ChangePhase_IsConflict_ForAMoveTheTimelineDoesNotAllow(CasePhase from, CasePhase to)
    {
        var scenario = CaseScenario.Opened(phase: from);

        scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(to), ErrorKind.Conflict, "phase.invalid-move");
    }

    [Fact]
    public void ChangePhase_IsForbidden_ForTheNavAdvisor()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);

        scenario.Refuses(Cast.NavAdvisor, new ChangePhase(CasePhase.Released), ErrorKind.Forbidden, "phase.not-correctional");
    }

    [Fact]
    public void ClosedCase_RefusesEveryFurtherChange()
    {
        var scenario = CaseScenario.Opened(phase: CasePhase.Released);
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Closed));

        scenario.Refuses(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Aftercare), ErrorKind.Conflict, "case.closed");
        scenario.Refuses(Cast.Kontaktbetjent, new SubmitProposal(null, "One more thing"), ErrorKind.Conflict, "case.closed");
        scenario.Refuses(Cast.PrisonLeader, new OverrideResponsibility(Responsibility.Coordinator, Cast.Person, "x"), ErrorKind.Conflict, "case.closed");
    }

    [Fact]
    public void MoveCase_TransfersTheCaseKeepingPlanAndGroup()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Identify("housing", Cast.Caseworker);
        var before = scenario.Case;

        var events = scenario.Accepts(Cast.Kontaktbetjent, new MoveCase(Cast.Friomsorg));

        // The kontaktbetjent, still coordinator, works at the prison the case has left: flagged at once (OrphanTests).
        Assert.Equal(new CaseMovedToUnit(Cast.Friomsorg, Cast.Prison), events[0]);
        Assert.Equal(Responsibility.Coordinator, Assert.IsType<ResponsibilityOrphaned>(events[1]).Subject);
        Assert.Equal(Cast.Friomsorg, scenario.Case.CurrentUnitId);
        Assert.Equal(before.Members, scenario.Case.Members);
        Assert.Equal(before.NeedAreas, scenario.Case.NeedAreas);
        Assert.Equal(Cast.Caseworker, scenario.Case.NeedAreas["housing"].AccountableOwnerId);
    }

    [Fact]
    public void SetHomeMunicipality_WithoutAHome_IsRefused()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new SetHomeMunicipality(null!), ErrorKind.BadRequest, "home.required");
        Assert.Equal(Cast.Municipality, scenario.Case.Home.RegisteredUnitId);
    }

    [Fact]
    public void SetHomeMunicipality_RecordsADispute_OnlyWithBothMunicipalities()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new SetHomeMunicipality(new HomeMunicipality(Cast.Municipality, null, true)), ErrorKind.Unprocessable, "home.dispute-needs-two");
        scenario.Accepts(Cast.Kontaktbetjent, new SetHomeMunicipality(new HomeMunicipality(Cast.Municipality, Cast.OsloMunicipality, true)));

        Assert.True(scenario.Case.Home.Disputed);
        Assert.Equal(Cast.OsloMunicipality, scenario.Case.Home.IntendedUnitId);
    }

    private static DateOnly? Parse(string? date) => date is null ? null : DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
