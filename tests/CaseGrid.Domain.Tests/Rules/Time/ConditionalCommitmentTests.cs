using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>Domain §8: "housing if released on D" is tied to D and re-opens when the release date moves away from it.</summary>
public sealed class ConditionalCommitmentTests
{
    /// <summary>Housing promised by the municipality if the person is released on the 2/3 date, chosen and accepted.</summary>
    private static (CaseScenario Scenario, string MeasureId) Promised(MeasureStatus upTo = MeasureStatus.AcceptedByOwner)
    {
        var s = Opened();
        s.Join(Cast.Caseworker);
        s.Identify("housing", Cast.Caseworker);
        s.Accepts(Cast.Kontaktbetjent, new RecordMilestone(MilestoneKind.NeedsConversation1, s.Today, null));
        s.Accepts(Cast.Caseworker, new AddMeasure(["housing"], "Kommunal leilighet fra løslatelsesdagen", "Ingen bolig", Cast.Caseworker, null, "Leieavtale fra løslatelsesdato", TwoThirds));
        var id = s.LastMeasureId;
        foreach (var (status, actor) in new[] { (MeasureStatus.ChosenByPerson, Cast.Person), (MeasureStatus.AcceptedByOwner, Cast.Caseworker), (MeasureStatus.Started, Cast.Caseworker) })
        {
            if (status > upTo)
            {
                break;
            }

            s.Accepts(actor, new ChangeMeasureStatus(id, s.Case.Measures[id].Version, status, null));
        }

        return (s, id);
    }

    private static KeyDates ReleasedOn(DateOnly day) => Short with { EarliestRelease = day, ExpectedRelease = day };

    [Fact]
    public void AConditionalMeasure_RemembersItsReleaseDate()
    {
        var (scenario, id) = Promised(MeasureStatus.Proposed);

        Assert.Equal(TwoThirds, scenario.Case.Measures[id].ConditionalOnRelease);
        Assert.Equal(TwoThirds, scenario.Log.Select(r => r.Event).OfType<MeasureAdded>().Single().ConditionalOnRelease);
    }

    [Theory]
    [InlineData(MeasureStatus.AcceptedByOwner, "2026-06-15")]
    [InlineData(MeasureStatus.Started, "2026-06-15")]
    [InlineData(MeasureStatus.AcceptedByOwner, "2026-08-03")]
    public void AnAcceptedCommitment_ReopensWhenTheReleaseMoves_AndItsOwnerMustConfirmAgain(MeasureStatus status, string moved)
    {
        var (scenario, id) = Promised(status);
        var to = D(moved);

        var events = scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(ReleasedOn(to), null));

        Assert.Equal(new CommitmentReopened(id, TwoThirds, to), events[^1]);
        var measure = scenario.Case.Measures[id];
        Assert.Equal(MeasureStatus.Proposed, measure.Status);
        Assert.Equal(to, measure.ConditionalOnRelease);
        Assert.Equal($"Gjenåpnet: løslatelsen er flyttet fra 2026-07-06 til {moved}", measure.StatusNote);
    }

    [Fact]
    public void AReopenedCommitment_IsConfirmedForTheNewDate_AndReopensAgainOnlyWhenItMovesAgain()
    {
        var (scenario, id) = Promised();
        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(ReleasedOn(D("2026-06-15")), null));
        scenario.Accepts(Cast.Person, new ChangeMeasureStatus(id, scenario.Case.Measures[id].Version, MeasureStatus.ChosenByPerson, null));
        scenario.Accepts(Cast.Caseworker, new ChangeMeasureStatus(id, scenario.Case.Measures[id].Version, MeasureStatus.AcceptedByOwner, "Bekreftet for 15. juni"));

        var unrelated = scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(ReleasedOn(D("2026-06-15")) with { EndOfSupervision = D("2026-09-01") }, null));
        var moved = scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(ReleasedOn(D("2026-06-22")), null));

        Assert.DoesNotContain(unrelated, e => e is CommitmentReopened);
        Assert.Contains(new CommitmentReopened(id, D("2026-06-15"), D("2026-06-22")), moved);
    }

    [Theory]
    [InlineData(MeasureStatus.Proposed)]
    [InlineData(MeasureStatus.ChosenByPerson)]
    public void AMeasureNotYetAccepted_HasNoCommitmentToReopen(MeasureStatus status)
    {
        var (scenario, id) = Promised(status);

        var events = scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(ReleasedOn(D("2026-06-15")), null));

        Assert.DoesNotContain(events, e => e is CommitmentReopened);
        Assert.Equal(status, scenario.Case.Measures[id].Status);
    }

    [Fact]
    public void AnUnconditionalMeasure_StaysAccepted()
    {
        var scenario = Opened();
        scenario.Join(Cast.NavAdvisor);
        scenario.Identify("income-debt", Cast.NavAdvisor);
        scenario.Accepts(Cast.NavAdvisor, new AddMeasure(["income-debt"], "Gjeldsrådgivning", null, Cast.NavAdvisor, null, null));
        var id = scenario.LastMeasureId;
        scenario.Accepts(Cast.Person, new ChangeMeasureStatus(id, scenario.Case.Measures[id].Version, MeasureStatus.ChosenByPerson, null));
        scenario.Accepts(Cast.NavAdvisor, new ChangeMeasureStatus(id, scenario.Case.Measures[id].Version, MeasureStatus.AcceptedByOwner, null));

        scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(ReleasedOn(D("2026-06-15")), null));

        Assert.Equal(MeasureStatus.AcceptedByOwner, scenario.Case.Measures[id].Status);
    }

    [Fact]
    public void AnUnknownNewDate_ReopensTheCommitment_KeepingItsOldDate()
    {
        var (scenario, id) = Promised();

        var events = scenario.Accepts(Cast.Kontaktbetjent, new SetKeyDates(Short with { EarliestRelease = null, ExpectedRelease = null }, null));

        Assert.Equal(new CommitmentReopened(id, TwoThirds, null), events[^1]);
        Assert.Equal(TwoThirds, scenario.Case.Measures[id].ConditionalOnRelease);
    }
}
