using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Plan;
using CaseGrid.Domain.Tests.Support;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules;

/// <summary>
/// The person's proposals are answered in time (domain §9; 000:862-864 — proposals that "fikk ikke svar … rant ut i
/// sanden"): every proposal gets an answer date from the rule set when it is made, the answer records who gave it, and a
/// date passed without an answer is escalated to the leader of whoever must answer.
/// </summary>
public sealed class ProposalAnswerTests
{
    private static CaseScenario WithHousing()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Identify("housing", Cast.Caseworker);
        return scenario;
    }

    [Fact]
    public void AProposal_GetsItsAnswerDate_FromTheRuleSetInForce()
    {
        var scenario = WithHousing();

        var submitted = Assert.IsType<ProposalSubmitted>(Assert.Single(scenario.Accepts(Cast.Person, new SubmitProposal("housing", "Jeg vil bo nær søsteren min i Fana"))));

        // Five working days from Monday 2 March 2026.
        Assert.Equal((D("2026-03-09"), "2026.2"), (submitted.AnswerDue, submitted.RuleSetVersion));
        var proposal = scenario.Case.Proposals[submitted.ProposalId];
        Assert.Equal((D("2026-03-09"), "2026.2", true), (proposal.AnswerDue, proposal.AnswerRuleSetVersion, proposal.IsOpen));
    }

    [Fact]
    public void TheAnswer_RecordsWhoAnsweredAndWhen()
    {
        var scenario = WithHousing();
        scenario.Accepts(Cast.Person, new SubmitProposal("housing", "Bo nær søsteren"));
        var id = scenario.Case.Proposals.Keys.Single();
        scenario.AdvanceDays(2);

        scenario.Accepts(Cast.Caseworker, new AnswerProposal(id, false, "Ingen ledige leiligheter i Fana nå; vi ser på Ytrebygda", null, null));

        var answered = scenario.Case.Proposals[id];
        Assert.Equal((Cast.Caseworker, scenario.Now, ProposalStatus.Rejected), (answered.AnsweredById, answered.AnsweredAt, answered.Status));
    }

    [Fact]
    public void AnAnswerDatePassed_IsRecordedOnce_AndEscalatedToTheLeaderOfWhoeverMustAnswer()
    {
        var scenario = WithHousing();
        scenario.Accepts(Cast.Person, new SubmitProposal("housing", "Bo nær søsteren"));
        scenario.Accepts(Cast.Person, new SubmitProposal(null, "Jeg vil ha en annen kontaktbetjent"));
        var housing = scenario.Case.Proposals.Values.Single(p => p.NeedCode == "housing").ProposalId;
        var general = scenario.Case.Proposals.Values.Single(p => p.NeedCode is null).ProposalId;
        scenario.AdvanceTo(D("2026-03-09"));
        Assert.DoesNotContain(scenario.Tick(), e => e is ProposalAnswerMissed);

        scenario.AdvanceTo(D("2026-03-10"));
        var events = scenario.Tick();

        Assert.Equal([new ProposalAnswerMissed(housing, D("2026-03-09")), new ProposalAnswerMissed(general, D("2026-03-09"))],
            events.OfType<ProposalAnswerMissed>().OrderBy(m => m.ProposalId == general));
        var toMunicipality = events.OfType<EscalationRaised>().Single(e => e.Subject == $"proposal:{housing}");
        var toPrison = events.OfType<EscalationRaised>().Single(e => e.Subject == $"proposal:{general}");
        Assert.Equal(Cast.Municipality, toMunicipality.UnitId);
        Assert.Equal(Cast.Prison, toPrison.UnitId);
        Assert.Contains("svarfristen var 2026-03-09", toMunicipality.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("søsteren", toMunicipality.Reason, StringComparison.Ordinal);
        Assert.Equal(D("2026-03-10"), scenario.Case.Proposals[housing].AnswerMissedOn);
        Assert.DoesNotContain(scenario.Tick(), e => e is ProposalAnswerMissed);
    }

    [Fact]
    public void AnAnsweredProposal_IsNeverMissed_AndTheClockLooksAgainTheDayAfterAnAnswerDate()
    {
        var scenario = WithHousing();
        scenario.Accepts(Cast.Person, new SubmitProposal("housing", "Bo nær søsteren"));
        var id = scenario.Case.Proposals.Keys.Single();

        Assert.True(TimeRules.NextCheck(scenario.Case, scenario.Rules, scenario.Now) <= Contracts.Common.NorwegianTime.StartOf(D("2026-03-10")));
        scenario.Accepts(Cast.Caseworker, new AnswerProposal(id, false, "Nei", null, null));
        scenario.AdvanceTo(D("2026-03-20"));

        Assert.DoesNotContain(scenario.Tick(), e => e is ProposalAnswerMissed);
    }

    [Fact]
    public void ProposalsMadeBeforeAnswerDates_StillReadFromTheLog_WithoutOne()
    {
        var old = Assert.IsType<ProposalSubmitted>(Grains.Storage.CaseEventJson.Deserialize(
            """{"type":"proposal-submitted","proposalId":"p-1","authorId":"person-lars","needCode":null,"text":"Gammelt innspill"}"""));

        Assert.Null(old.AnswerDue);
        Assert.Null(old.RuleSetVersion);
    }
}
