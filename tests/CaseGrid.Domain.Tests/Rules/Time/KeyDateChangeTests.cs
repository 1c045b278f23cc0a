using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>
/// A key date is a live fact (004:438-448: people are "sluppet før datoen" and nobody tells the municipality): a change
/// recomputes every deadline, an earlier release raises a high-priority alert, and owners acknowledge what they saw.
/// </summary>
public sealed class KeyDateChangeTests
{
    [Fact]
    public void ReleaseMovedEarlier_FollowsTheDateChange_AndTheDeadlinesMoveWithIt()
    {
        var scenario = Opened();
        var before = scenario.Deadline("release-meeting");

        var events = scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(ReleasedOn(D("2026-06-15")), scenario.Case.DatesVersion));

        Assert.IsType<KeyDatesChanged>(events[0]);
        Assert.Equal(new ReleaseMovedEarlier(TwoThirds, D("2026-06-15"), ReleaseDateKind.Expected), events[1]);
        Assert.Equal(new ReleaseMovedEarlier(TwoThirds, D("2026-06-15"), ReleaseDateKind.Earliest), events[2]);
        Assert.Equal(3, events.Length);
        Assert.Equal(D("2026-06-22"), before.Due);
        Assert.Equal(D("2026-06-01"), scenario.Deadline("release-meeting").Due);
        Assert.Equal(D("2026-06-15"), scenario.Deadline("benefits-in-place").Due);
        Assert.Equal("Forventet løslatelse 2026-06-15 − 2 uker (vindu fra − 4 uker)", scenario.Deadline("release-meeting").Reason);
    }

    /// <summary>The six-month sentence with both release dates on <paramref name="day"/>.</summary>
    private static KeyDates ReleasedOn(DateOnly day) => Short with { EarliestRelease = day, ExpectedRelease = day };

    [Fact]
    public void AnEarlierTwoThirdsDate_AlsoRaisesTheAlert_AndMovesFriomsorgsDeadline()
    {
        var scenario = Opened();

        var events = scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(Short with { EarliestRelease = D("2026-06-01") }, null));

        Assert.Contains(new ReleaseMovedEarlier(TwoThirds, D("2026-06-01"), ReleaseDateKind.Earliest), events);
        Assert.DoesNotContain(events, e => e is ReleaseMovedEarlier { Date: ReleaseDateKind.Expected });
        Assert.Equal(D("2026-04-06"), scenario.Deadline("friomsorg-engaged").Due);
    }

    [Theory]
    [InlineData("2026-08-03")]
    [InlineData(null)]
    public void ALaterOrUnknownRelease_IsNoEarlierReleaseAlert(string? expected)
    {
        var scenario = Opened();
        var later = expected is null ? (DateOnly?)null : D(expected);

        var events = scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(Short with { ExpectedRelease = later }, null));

        Assert.Single(events);
        Assert.DoesNotContain(events, e => e is ReleaseMovedEarlier);
    }

    [Fact]
    public void AMovedDate_ThatMakesADeadlineOverdue_IsRecordedMissedAtTheNextTick()
    {
        var scenario = Opened();
        scenario.AdvanceTo(D("2026-05-20"));
        Assert.Empty(Missed(scenario.Tick(), "release-meeting"));

        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(ReleasedOn(D("2026-05-25")), null));

        Assert.Equal(DeadlineStatus.Overdue, scenario.Deadline("release-meeting").Status);
        Assert.Equal(new DeadlineMissed("release-meeting", "2026.2", D("2026-05-11")), Assert.Single(Missed(scenario.Tick(), "release-meeting")));
    }

    [Fact]
    public void PendingAcknowledgements_AreTheOwnersAndCoordinatorWhoHaveNotSeenTheNewDates()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Join(Cast.NavAdvisor);
        scenario.Identify("housing", Cast.Caseworker);
        scenario.Identify("income-debt", Cast.NavAdvisor);
        Assert.Empty(scenario.Case.PendingDateAcknowledgements);

        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(ReleasedOn(D("2026-06-15")), null));

        // The one who changed the dates has seen them.
        Assert.Equal<string>([Cast.Caseworker, Cast.NavAdvisor], scenario.Case.PendingDateAcknowledgements);

        var events = scenario.Accepts(Cast.Caseworker, new AcknowledgeKeyDates(scenario.Case.DatesVersion));

        Assert.Equal(new KeyDatesAcknowledged(scenario.Case.DatesVersion, Cast.Municipality), Assert.Single(events));
        Assert.Equal<string>([Cast.NavAdvisor], scenario.Case.PendingDateAcknowledgements);
        Assert.Empty(scenario.Accepts(Cast.Caseworker, new AcknowledgeKeyDates(scenario.Case.DatesVersion)));
    }

    [Fact]
    public void AcknowledgingAnOldVersion_IsConflictCarryingTheCurrentDates()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        var seen = scenario.Case.DatesVersion;
        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(ReleasedOn(D("2026-06-15")), null));

        var error = scenario.Refuses(Cast.Caseworker, new AcknowledgeKeyDates(seen), ErrorKind.Conflict, "version.stale");

        Assert.Equal(scenario.Case.DatesVersion, error.CurrentVersion);
        Assert.Equal(scenario.Case.Dates, error.Current);
    }

    [Fact]
    public void ThePerson_AndStrangers_DoNotAcknowledgeKeyDates()
    {
        var scenario = Opened();

        scenario.Refuses(Cast.Person, new AcknowledgeKeyDates(scenario.Case.DatesVersion), ErrorKind.Forbidden, "dates.ack-person");
        scenario.Refuses(Cast.Caseworker, new AcknowledgeKeyDates(scenario.Case.DatesVersion), ErrorKind.Forbidden, "dates.ack-not-concerned");
    }

    [Fact]
    public void AReceivingUnit_IsPendingUntilItsStaffAcknowledge_EvenBeforeJoiningTheGroup()
    {
        var scenario = Opened();
        scenario.Accepts(Cast.Kontaktbetjent, new OfferHandover(Responsibility.Coordinator, Cast.Friomsorg, null, D("2026-04-01"), null));
        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(ReleasedOn(D("2026-06-15")), null));
        Assert.Equal<string>([Cast.Friomsorg], scenario.Case.PendingDateAcknowledgementUnits);

        scenario.Accepts(Cast.FriomsorgOfficer2, new AcknowledgeKeyDates(scenario.Case.DatesVersion));

        Assert.Empty(scenario.Case.PendingDateAcknowledgementUnits);
        Assert.False(scenario.Case.IsActiveMember(Cast.FriomsorgOfficer2, scenario.Today));
        Assert.Equal(Cast.Friomsorg, scenario.Case.DateAcknowledgements[Cast.FriomsorgOfficer2].UnitId);
    }
}
