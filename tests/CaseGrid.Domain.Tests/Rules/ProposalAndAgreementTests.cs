using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Plan;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules;

public sealed class ProposalAndAgreementTests
{
    [Fact]
    public void SubmitProposal_IsInTheStateForEveryMemberToSee()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);

        scenario.Accepts(Cast.Person, new SubmitProposal("work", "I want to work as a welder"));
        scenario.Accepts(Cast.NavAdvisor, new SubmitProposal("income-debt", "Apply for AAP"));

        var proposals = scenario.Case.Proposals.Values.OrderBy(p => p.Version).ToList();
        Assert.Equal(2, proposals.Count);
        Assert.Equal((Cast.Person, "work", "I want to work as a welder", ProposalStatus.Open), (proposals[0].AuthorId, proposals[0].NeedCode, proposals[0].Text, proposals[0].Status));
        Assert.Equal((Cast.NavAdvisor, "income-debt", ProposalStatus.Open), (proposals[1].AuthorId, proposals[1].NeedCode, proposals[1].Status));
        Assert.Equal(scenario.Now, proposals[1].SubmittedAt);
    }

    [Fact]
    public void SubmitProposal_IsNotFound_ForAnUnknownNeedArea()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Person, new SubmitProposal("astrology", "Read my stars"), ErrorKind.NotFound, "need.not-found");
    }

    [Fact]
    public void AnswerProposal_Adopted_BecomesAMeasureAnsweringTheProposalsNeed()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);
        scenario.Identify("work", Cast.NavAdvisor);
        scenario.Accepts(Cast.Person, new SubmitProposal("work", "Welding course"));
        var proposalId = Assert.Single(scenario.Case.Proposals.Keys);

        var events = scenario.Accepts(Cast.NavAdvisor, new AnswerProposal(proposalId, true, "Yes, we apply", null, scenario.Today.AddDays(10)));

        Assert.Equal(2, events.Length);
        var answered = Assert.IsType<ProposalAnswered>(events[0]);
        var proposal = scenario.Case.Proposals[proposalId];
        Assert.Equal(ProposalStatus.Adopted, proposal.Status);
        Assert.Equal("Yes, we apply", proposal.Answer);
        Assert.NotNull(proposal.MeasureId);
        Assert.Equal(answered.MeasureId, proposal.MeasureId);
        var measure = scenario.Case.Measures[proposal.MeasureId];
        Assert.Equal("work", Assert.Single(measure.NeedCodes));
        Assert.Equal(Cast.NavAdvisor, measure.OwnerId);
        Assert.Equal("Welding course", measure.What);
        Assert.Equal(MeasureStatus.Proposed, measure.Status);
        Assert.Equal(scenario.Today.AddDays(10), measure.Due);
    }

    [Fact]
    public void AnswerProposal_Rejected_KeepsTheAnswerAndMakesNoMeasure()
    {
        var scenario = CaseScenario.Opened();
        scenario.Accepts(Cast.Person, new SubmitProposal(null, "Move me to an open prison"));
        var proposalId = Assert.Single(scenario.Case.Proposals.Keys);

        scenario.Accepts(Cast.Kontaktbetjent, new AnswerProposal(proposalId, false, "Not before the progression review", null, null));

        var proposal = scenario.Case.Proposals[proposalId];
        Assert.Equal(ProposalStatus.Rejected, proposal.Status);
        Assert.Equal("Not before the progression review", proposal.Answer);
        Assert.Empty(scenario.Case.Measures);
        scenario.Refuses(Cast.Kontaktbetjent, new AnswerProposal(proposalId, true, "Changed my mind", null, null), ErrorKind.Conflict, "proposal.answered");
    }

    [Fact]
    public void AnswerProposal_IsForbidden_ForAMemberWhoIsNeitherCoordinatorNorNeedOwner()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);
        scenario.Accepts(Cast.Person, new SubmitProposal("housing", "A flat"));

        scenario.Refuses(Cast.NavAdvisor, new AnswerProposal(Assert.Single(scenario.Case.Proposals.Keys), false, "No", null, null), ErrorKind.Forbidden, "proposal.not-answerer");
    }

    [Fact]
    public void AnswerProposal_CannotAdoptAProposalWithoutANeed()
    {
        var scenario = CaseScenario.Opened();
        scenario.Accepts(Cast.Person, new SubmitProposal(null, "Something"));

        scenario.Refuses(Cast.Kontaktbetjent, new AnswerProposal(Assert.Single(scenario.Case.Proposals.Keys), true, "Yes", null, null), ErrorKind.Unprocessable, "proposal.needs-need");
    }

    [Fact]
    public void RecordAgreement_IsKeptPerPlanVersion()
    {
        var scenario = CaseScenario.Opened();
        var firstVersion = scenario.Case.Version;
        scenario.Accepts(Cast.Person, new RecordAgreement(firstVersion, AgreementAnswer.Disagree, "Housing is missing"));
        scenario.Identify("housing", Cast.Kontaktbetjent);
        var secondVersion = scenario.Case.Version;

        scenario.Accepts(Cast.Kontaktbetjent, new RecordAgreement(secondVersion, AgreementAnswer.Agree, null));

        Assert.Equal(2, scenario.Case.Agreements.Count);
        var first = scenario.Case.Agreements[0];
        var second = scenario.Case.Agreements[1];
        Assert.Equal((firstVersion, AgreementAnswer.Disagree, Cast.Person), (first.PlanVersion, first.Answer, first.RecordedById));
        Assert.Equal((secondVersion, AgreementAnswer.Agree, Cast.Kontaktbetjent), (second.PlanVersion, second.Answer, second.RecordedById));
        Assert.True(secondVersion > firstVersion);
    }

    [Fact]
    public void RecordAgreement_IsUnprocessable_ForAPlanVersionThatDoesNotExist()
    {
        var scenario = CaseScenario.Opened();

        scenario.Refuses(Cast.Person, new RecordAgreement(scenario.Case.Version + 1, AgreementAnswer.Agree, null), ErrorKind.Unprocessable, "agreement.version-unknown");
        scenario.Refuses(Cast.Person, new RecordAgreement(0, AgreementAnswer.Agree, null), ErrorKind.Unprocessable, "agreement.version-unknown");
    }

    [Fact]
    public void RecordAgreement_IsForbidden_ForAnAgencyMemberOtherThanTheCoordinator()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);

        scenario.Refuses(Cast.NavAdvisor, new RecordAgreement(scenario.Case.Version, AgreementAnswer.Agree, null), ErrorKind.Forbidden, "agreement.not-person");
    }
}
