using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Plan;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

public sealed class MeasureTests
{
    private static (CaseScenario Scenario, string MeasureId) WithProposedMeasure()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);
        scenario.Join(Cast.Caseworker);
        scenario.Identify("income-debt", Cast.NavAdvisor);
        scenario.Accepts(Cast.Kontaktbetjent, new RecordMilestone(Contracts.Time.MilestoneKind.NeedsConversation1, scenario.Today, null));
        scenario.Accepts(Cast.NavAdvisor, new AddMeasure(["income-debt"], "Debt counselling", "Hidden debt", Cast.NavAdvisor, scenario.Today.AddDays(14), "Bank statements"));
        return (scenario, scenario.LastMeasureId);
    }

    private static ChangeMeasureStatus Move(CaseScenario scenario, string measureId, MeasureStatus status, string? note = null) =>
        new(measureId, scenario.Case.Measures[measureId].Version, status, note);

    [Fact]
    public void Measure_GoesFromProposedThroughChosenAcceptedAndStartedToDelivered()
    {
        var (scenario, id) = WithProposedMeasure();
        Assert.Equal(MeasureStatus.Proposed, scenario.Case.Measures[id].Status);

        scenario.Accepts(Cast.Person, Move(scenario, id, MeasureStatus.ChosenByPerson));
        Assert.Equal(MeasureStatus.ChosenByPerson, scenario.Case.Measures[id].Status);
        scenario.Accepts(Cast.NavAdvisor, Move(scenario, id, MeasureStatus.AcceptedByOwner));
        Assert.Equal(MeasureStatus.AcceptedByOwner, scenario.Case.Measures[id].Status);
        scenario.Accepts(Cast.NavAdvisor, Move(scenario, id, MeasureStatus.Started));
        Assert.Equal(MeasureStatus.Started, scenario.Case.Measures[id].Status);
        var events = scenario.Accepts(Cast.NavAdvisor, Move(scenario, id, MeasureStatus.Delivered, "Debt settlement signed 12 March"));

        Assert.Equal(new MeasureStatusChanged(id, MeasureStatus.Delivered, "Debt settlement signed 12 March"), Assert.Single(events));
        var measure = scenario.Case.Measures[id];
        Assert.Equal(MeasureStatus.Delivered, measure.Status);
        Assert.Equal("Debt settlement signed 12 March", measure.StatusNote);
        Assert.False(measure.IsOpen);
    }

    [Fact]
    public void ChoosingAMeasure_IsForbidden_ForAnAgencyMemberOtherThanTheCoordinator()
    {
        var (scenario, id) = WithProposedMeasure();

        scenario.Refuses(Cast.NavAdvisor, Move(scenario, id, MeasureStatus.ChosenByPerson), ErrorKind.Forbidden, "measure.not-allowed");
        scenario.Accepts(Cast.Kontaktbetjent, Move(scenario, id, MeasureStatus.ChosenByPerson));
    }

    [Fact]
    public void AcceptingAMeasure_IsForbidden_ForAnyoneButItsOwnerOrTheirDeputy()
    {
        var (scenario, id) = WithProposedMeasure();
        scenario.Accepts(Cast.Person, Move(scenario, id, MeasureStatus.ChosenByPerson));

        scenario.Refuses(Cast.Person, Move(scenario, id, MeasureStatus.AcceptedByOwner), ErrorKind.Forbidden, "measure.not-allowed");
        scenario.Refuses(Cast.Kontaktbetjent, Move(scenario, id, MeasureStatus.AcceptedByOwner), ErrorKind.Forbidden, "measure.not-allowed");
        scenario.Refuses(Cast.Caseworker, Move(scenario, id, MeasureStatus.AcceptedByOwner), ErrorKind.Forbidden, "measure.not-allowed");
        scenario.Accepts(Cast.NavAdvisor, new SetDeputy(Cast.NavAdvisor, Cast.Caseworker));
        scenario.Accepts(Cast.Caseworker, Move(scenario, id, MeasureStatus.AcceptedByOwner));
    }

    [Theory]
    [InlineData(MeasureStatus.AcceptedByOwner)]
    [InlineData(MeasureStatus.Started)]
    [InlineData(MeasureStatus.Delivered)]
    public void SkippingAStep_IsConflict(MeasureStatus target)
    {
        var (scenario, id) = WithProposedMeasure();

        scenario.Refuses(Cast.NavAdvisor, Move(scenario, id, target, "Note"), ErrorKind.Conflict, "measure.invalid-transition");
    }

    [Fact]
    public void MovingBackToProposed_IsUnprocessable()
    {
        var (scenario, id) = WithProposedMeasure();
        scenario.Accepts(Cast.Person, Move(scenario, id, MeasureStatus.ChosenByPerson));

        scenario.Refuses(Cast.NavAdvisor, Move(scenario, id, MeasureStatus.Proposed), ErrorKind.Unprocessable, "measure.status-invalid");
    }

    [Fact]
    public void Delivery_IsRefused_WithoutANote()
    {
        var (scenario, id) = WithProposedMeasure();
        scenario.Accepts(Cast.Person, Move(scenario, id, MeasureStatus.ChosenByPerson));
        scenario.Accepts(Cast.NavAdvisor, Move(scenario, id, MeasureStatus.AcceptedByOwner));
        scenario.Accepts(Cast.NavAdvisor, Move(scenario, id, MeasureStatus.Started));

        scenario.Refuses(Cast.NavAdvisor, Move(scenario, id, MeasureStatus.Delivered), ErrorKind.BadRequest, "text.required");
        scenario.Refuses(Cast.NavAdvisor, Move(scenario, id, MeasureStatus.Delivered, "   "), ErrorKind.BadRequest, "text.required");
        Assert.Equal(MeasureStatus.Started, scenario.Case.Measures[id].Status);
    }

    [Fact]
    public void Cancelling_NeedsAReason_AndClosesTheMeasureForGood()
    {
        var (scenario, id) = WithProposedMeasure();

        scenario.Refuses(Cast.Kontaktbetjent, Move(scenario, id, MeasureStatus.Cancelled), ErrorKind.BadRequest, "text.required");
        scenario.Accepts(Cast.Kontaktbetjent, Move(scenario, id, MeasureStatus.Cancelled, "The person moved to Oslo"));

        scenario.Refuses(Cast.Person, Move(scenario, id, MeasureStatus.ChosenByPerson), ErrorKind.Conflict, "measure.invalid-transition");
        var m = scenario.Case.Measures[id];
        scenario.Refuses(Cast.NavAdvisor, new UpdateMeasure(id, m.Version, m.NeedCodes, "Again", null, Cast.NavAdvisor, null, null), ErrorKind.Conflict, "measure.closed");
        Assert.DoesNotContain(CaseGrid.Domain.CaseDecider.ResponsibilitiesHeldBy(scenario.Case, Cast.NavAdvisor), r => r.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public void ChangeMeasureStatus_IsConflict_WhenTheVersionIsStale()
    {
        var (scenario, id) = WithProposedMeasure();
        var stale = scenario.Case.Measures[id].Version;
        scenario.Accepts(Cast.Person, Move(scenario, id, MeasureStatus.ChosenByPerson));

        var error = scenario.Refuses(Cast.NavAdvisor, new ChangeMeasureStatus(id, stale, MeasureStatus.AcceptedByOwner, null), ErrorKind.Conflict, "version.stale");

        Assert.Equal(MeasureStatus.ChosenByPerson, Assert.IsType<Measure>(error.Current).Status);
    }

    [Fact]
    public void AddMeasure_IsUnprocessable_WithoutTheNeedsItAnswers()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new AddMeasure([], "Something useful", null, Cast.Kontaktbetjent, null, null), ErrorKind.Unprocessable, "measure.needs-required");
        scenario.Refuses(Cast.Kontaktbetjent, new AddMeasure(default, "Something useful", null, Cast.Kontaktbetjent, null, null), ErrorKind.Unprocessable, "measure.needs-required");
        scenario.Refuses(Cast.Kontaktbetjent, new AddMeasure(["housing", "astrology"], "Something useful", null, Cast.Kontaktbetjent, null, null), ErrorKind.Unprocessable, "measure.need-unknown");
        scenario.Refuses(Cast.Kontaktbetjent, new AddMeasure(["housing", "housing"], "Something useful", null, Cast.Kontaktbetjent, null, null), ErrorKind.BadRequest, "measure.needs-duplicate");
        Assert.Empty(scenario.Case.Measures);
    }

    [Fact]
    public void AddMeasure_NamesEveryNeedItAnswers_AndMayBeOwnedByThePerson()
    {
        var scenario = CaseScenario.Opened();

        scenario.Accepts(Cast.Kontaktbetjent, new AddMeasure(["work", "education"], "Apply to the vocational course", "Work needs a trade", Cast.Person, null, null));

        var measure = Assert.Single(scenario.Case.Measures.Values);
        Assert.Equal(["work", "education"], measure.NeedCodes.ToArray());
        Assert.Equal(Cast.Person, measure.OwnerId);
    }

    [Fact]
    public void AddMeasure_IsUnprocessable_WhenTheOwnerIsNotAMember()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Kontaktbetjent, new AddMeasure(["work"], "Job interview", null, Cast.NavAdvisor, null, null), ErrorKind.Unprocessable, "measure.owner-not-member");
    }

    [Fact]
    public void UpdateMeasure_IsForbidden_ForAMemberWhoIsNeitherOwnerNorCoordinator()
    {
        var (scenario, id) = WithProposedMeasure();
        var m = scenario.Case.Measures[id];

        scenario.Refuses(Cast.Caseworker, new UpdateMeasure(id, m.Version, m.NeedCodes, "Mine now", null, Cast.Caseworker, null, null), ErrorKind.Forbidden, "measure.not-owner");
        scenario.Accepts(Cast.Kontaktbetjent, new UpdateMeasure(id, m.Version, m.NeedCodes, "Handed to the municipality", null, Cast.Caseworker, null, null));

        Assert.Equal(Cast.Caseworker, scenario.Case.Measures[id].OwnerId);
    }

    [Fact]
    public void MeasureEdits_OfDifferentMeasuresFromTheSameRead_NeverConflict()
    {
        var (scenario, first) = WithProposedMeasure();
        scenario.Accepts(Cast.NavAdvisor, new AddMeasure(["income-debt"], "Apply for housing benefit", null, Cast.NavAdvisor, null, null));
        var second = scenario.LastMeasureId;
        var read = scenario.Case;

        scenario.Accepts(Cast.Person, new ChangeMeasureStatus(first, read.Measures[first].Version, MeasureStatus.ChosenByPerson, null));
        scenario.Accepts(Cast.NavAdvisor, new ChangeMeasureStatus(second, read.Measures[second].Version, MeasureStatus.Cancelled, "Not entitled"));

        Assert.Equal(MeasureStatus.ChosenByPerson, scenario.Case.Measures[first].Status);
        Assert.Equal(MeasureStatus.Cancelled, scenario.Case.Measures[second].Status);
    }
}
