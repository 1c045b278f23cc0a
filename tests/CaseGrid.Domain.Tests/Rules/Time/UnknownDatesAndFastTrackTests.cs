using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>Domain §4: unknown dates count from the earliest possible date; short sentences start the pathway at intake.</summary>
public sealed class UnknownDatesAndFastTrackTests
{
    [Fact]
    public void Remand_WithOnlyIntakeKnown_CountsReleaseDeadlinesFromIntake_OnTheFastTrack()
    {
        var scenario = Opened(new KeyDates(SentenceStart: Intake));

        var friomsorg = scenario.Deadline("friomsorg-engaged");
        var benefits = scenario.Deadline("benefits-in-place");
        var meeting = scenario.Deadline("release-meeting");

        Assert.Equal(D("2026-03-05"), friomsorg.Due);
        Assert.Equal(
            "Løslatelsesdato ukjent (f.eks. varetekt); regnet fra tidligste mulige dato, innkomst 2026-03-02 − 8 uker; "
            + "hurtigspor (løslatelse innen 90 dager etter innkomst): flyttet til innkomst + 3 dager 2026-03-05",
            friomsorg.Reason);
        Assert.Equal(D("2026-03-05"), benefits.Due);
        Assert.Contains("hurtigspor", benefits.Reason, StringComparison.Ordinal);
        Assert.Equal(D("2026-03-05"), meeting.Due);
        Assert.Equal(Intake, meeting.WindowStart);
        Assert.Equal(D("2026-03-09"), scenario.Deadline("needs-conversation-1").Due);
    }

    [Fact]
    public void Remand_WithUnknownSentenceLength_TreatsItAsShort_AndSaysSo()
    {
        var scenario = Opened(new KeyDates(SentenceStart: Intake));

        var shortRule = scenario.Deadline("municipality-contacted-short");
        var longRule = scenario.Deadline("municipality-contacted-long");

        Assert.Equal(D("2026-03-30"), shortRule.Due);
        Assert.Equal("Innkomst 2026-03-02 + 4 uker (straffens lengde ukjent; regnet som straff inntil 1 år)", shortRule.Reason);
        Assert.Equal(DeadlineStatus.NotApplicable, longRule.Status);
        Assert.Equal("Gjelder ikke: straffens lengde ukjent", longRule.Reason);
    }

    [Fact]
    public void AllDatesUnknown_CountFromTheDayTheCaseWasOpened()
    {
        var scenario = Opened(KeyDates.Unknown);

        var needs = scenario.Deadline("needs-conversation-1");
        var friomsorg = scenario.Deadline("friomsorg-engaged");

        Assert.Equal(D("2026-03-09"), needs.Due);
        Assert.Equal("Innkomst ukjent; regnet fra tidligste mulige dato, saken opprettet 2026-03-02 + 7 dager", needs.Reason);
        Assert.Equal(D("2026-03-05"), friomsorg.Due);
        Assert.StartsWith("Løslatelsesdato ukjent (f.eks. varetekt); regnet fra tidligste mulige dato, saken opprettet 2026-03-02", friomsorg.Reason, StringComparison.Ordinal);
        Assert.Equal(DeadlineStatus.NotApplicable, scenario.Deadline("coordinator-after-supervision").Status);
        Assert.Equal("Slutt på tilsyn er ikke registrert", scenario.Deadline("coordinator-after-supervision").Reason);
    }

    [Fact]
    public void UnknownExpectedRelease_FallsBackToTheEarliestRelease()
    {
        var scenario = Opened(new KeyDates(Intake, TwoThirds, null, EndOfSentence));

        var meeting = scenario.Deadline("release-meeting");

        Assert.Equal(D("2026-06-22"), meeting.Due);
        Assert.StartsWith("Forventet løslatelse ukjent; tidligste løslatelse 2026-07-06 brukt − 2 uker", meeting.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortSentence_MovesDeadlinesBeforeIntakeToIntakePlus3Days_AndLeavesLaterOnes()
    {
        var scenario = Opened(new KeyDates(Intake, D("2026-04-15"), D("2026-04-15"), D("2026-05-15")));

        Assert.Equal(D("2026-03-05"), scenario.Deadline("friomsorg-engaged").Due);
        Assert.Contains("hurtigspor", scenario.Deadline("friomsorg-engaged").Reason, StringComparison.Ordinal);
        Assert.Equal(D("2026-04-01"), scenario.Deadline("release-meeting").Due);
        Assert.DoesNotContain("hurtigspor", scenario.Deadline("release-meeting").Reason, StringComparison.Ordinal);
        Assert.Equal(D("2026-03-18"), scenario.Deadline("release-meeting").WindowStart);
        Assert.Equal(D("2026-04-15"), scenario.Deadline("benefits-in-place").Due);
    }

    [Fact]
    public void VeryShortSentence_NeverMovesADeadlinePastTheReleaseItself()
    {
        var scenario = Opened(new KeyDates(Intake, D("2026-03-03"), D("2026-03-03"), D("2026-03-03")));

        var friomsorg = scenario.Deadline("friomsorg-engaged");

        Assert.Equal(D("2026-03-03"), friomsorg.Due);
        Assert.EndsWith("flyttet til løslatelsesdagen 2026-03-03", friomsorg.Reason, StringComparison.Ordinal);
        Assert.Equal(D("2026-03-03"), scenario.Deadline("benefits-in-place").Due);
    }

    [Fact]
    public void LongerThan90Days_IsNotOnTheFastTrack()
    {
        var scenario = Opened(new KeyDates(Intake, D("2026-06-01"), D("2026-06-01"), D("2026-07-01")));

        var friomsorg = scenario.Deadline("friomsorg-engaged");

        Assert.Equal(D("2026-04-06"), friomsorg.Due);
        Assert.DoesNotContain("hurtigspor", friomsorg.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FastTrackedDeadline_IsMissedTheDayAfterItsMovedDate()
    {
        var scenario = Opened(new KeyDates(SentenceStart: Intake));

        AssertFiresOnceAfter(scenario, "friomsorg-engaged", D("2026-03-05"), Cast.Prison);
    }
}
