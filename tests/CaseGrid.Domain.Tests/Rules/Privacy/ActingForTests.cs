using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules.Privacy;

/// <summary>
/// A partner system acting for a user (CaseGrid-Acting-For) passes what the system on its own would have to: the case
/// concerns its unit and the person consented to partner systems. It keeps every cap the user has, and since it cannot
/// know the user's roles, the user counts as a security function. Consent is never recorded through it.
/// </summary>
public sealed class ActingForTests
{
    private static ActorRef Through(string userId, string unitId) => new(userId, Cast.Name(userId), "fagsystem", SecurityFunction: true, ActingSystemUnitId: unitId);

    private static Decision Decide(CaseScenario s, ActorRef actor, CaseCommand command) =>
        CaseDecider.Decide(s.Case, command, s.ContextFor(actor.UserId, command) with { Actor = actor }, CaseScenario.CaseId, NeedAreaCatalogue.Default);

    private static CaseScenario CaseWithCaseworker()
    {
        var s = ConsentTests.WithGroup();
        s.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null));
        s.Accepts(Cast.Person, new ApproveHealthAccess(Cast.Caseworker));
        return s;
    }

    [Fact]
    public void WithoutThePersonsConsentToPartnerSystems_NothingChanges_ThoughTheUserIsAMember()
    {
        var s = CaseWithCaseworker();

        var refused = Decide(s, Through(Cast.Caseworker, Cast.Municipality), new SubmitProposal("housing", "Fra fagsystemet"));

        Assert.Equal("consent.partner-systems", refused.Error?.Code);
        Assert.Equal("consent.partner-systems", CaseAccess.Refusal(s.Case, Through(Cast.Caseworker, Cast.Municipality), s.Today)?.Code);
    }

    [Fact]
    public void ASystemOfAUnitTheCaseDoesNotConcern_ChangesNothing()
    {
        var s = CaseWithCaseworker();
        s.Accepts(Cast.Person, new RecordConsent([ConsentScope.PartnerSystems], null));

        var refused = Decide(s, Through(Cast.Caseworker, Cast.OsloMunicipality), new SubmitProposal("housing", "Fra fagsystemet"));
        var allowed = Decide(s, Through(Cast.Caseworker, Cast.Municipality), new SubmitProposal("housing", "Fra fagsystemet"));

        Assert.Equal("case.not-involved", refused.Error?.Code);
        Assert.False(allowed.IsRefused);
    }

    [Fact]
    public void TheUserActedFor_CountsAsASecurityFunction_SoNoHealthDetailsWhateverTheirApproval()
    {
        var s = CaseWithCaseworker();
        s.Accepts(Cast.Person, new RecordConsent([ConsentScope.PartnerSystems], null));

        Assert.Equal(DetailAccess.Full, CaseAccess.DetailsFor(s.Case, new ActorRef(Cast.Caseworker, "x"), s.Today));
        Assert.Equal(DetailAccess.HealthWithheld, CaseAccess.DetailsFor(s.Case, Through(Cast.Caseworker, Cast.Municipality), s.Today));
    }

    [Fact]
    public void ConsentAndApprovals_AreNeverRecordedThroughASystem()
    {
        var s = CaseWithCaseworker();
        s.Accepts(Cast.Person, new RecordConsent([ConsentScope.PartnerSystems], null));
        var coordinator = Through(Cast.Kontaktbetjent, Cast.Prison);

        Assert.Equal("acting-for.not-consent", Decide(s, coordinator, new RecordConsent([ConsentScope.PlanSharing], null)).Error?.Code);
        Assert.Equal("acting-for.not-consent", Decide(s, coordinator, new ApproveHealthAccess(Cast.NavAdvisor)).Error?.Code);
        Assert.False(Decide(s, Through(Cast.NavAdvisor, Cast.Nav), new WithdrawConsent([ConsentScope.PartnerSystems], null)).IsRefused);
    }
}
