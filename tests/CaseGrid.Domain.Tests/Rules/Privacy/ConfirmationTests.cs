using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules.Privacy;

/// <summary>
/// Nobody approves themselves for health details, and what someone else records on the person's word — consent, or an
/// approval of who sees health details — waits for the person's own confirmation (or a second, different member's)
/// before it takes effect. It stands in the case at once, so the person sees it.
/// </summary>
public sealed class ConfirmationTests
{
    private const string HealthWorker = ConsentTests.HealthWorker;

    private static DetailAccess Access(CaseScenario s, string userId) =>
        CaseAccess.DetailsFor(s.Case, new ActorRef(userId, userId), s.Today);

    [Fact]
    public void NobodyApprovesThemselves_ForHealthDetails()
    {
        var scenario = ConsentTests.WithGroup();

        scenario.Refuses(Cast.Kontaktbetjent, new ApproveHealthAccess(Cast.Kontaktbetjent), ErrorKind.Forbidden, "health-access.self");
        scenario.Refuses(Cast.NavAdvisor, new ApproveHealthAccess(Cast.NavAdvisor), ErrorKind.Forbidden, "health-access.self");

        Assert.Empty(scenario.Case.HealthApprovals);
        Assert.Empty(scenario.Case.PrivacyRequests);
    }

    [Fact]
    public void ConsentTheCoordinatorRecords_WaitsForThePerson_WhoSeesIt_AndThenItTakesEffect()
    {
        var scenario = ConsentTests.WithGroup();

        var events = scenario.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PlanSharing], "Kartleggingssamtale 3. mars"));

        var requested = Assert.IsType<ConsentRequested>(Assert.Single(events));
        Assert.Empty(scenario.Case.Consent.Scopes);
        Assert.Equal(DetailAccess.DetailsWithheld, Access(scenario, Cast.NavAdvisor));
        var pending = scenario.Case.PrivacyRequests[requested.RequestId];
        Assert.Equal((PrivacyRequestKind.Consent, Cast.Kontaktbetjent, "Kartleggingssamtale 3. mars"), (pending.Kind, pending.RecordedById, pending.Note));
        Assert.Equal([ConsentScope.PlanSharing], pending.Scopes.ToArray());

        // The person sees it in their own plan, where nothing is withheld from them.
        Assert.Equal(DetailAccess.Full, Access(scenario, Cast.Person));

        scenario.Accepts(Cast.Person, new ConfirmPrivacyRequest(requested.RequestId));

        Assert.Equal([ConsentScope.PlanSharing], scenario.Case.Consent.Scopes.ToArray());
        Assert.Equal(Cast.Person, scenario.Case.Consent.RecordedById);
        Assert.Empty(scenario.Case.PrivacyRequests);
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.NavAdvisor));
    }

    [Fact]
    public void AnApprovalTheCoordinatorRecords_WaitsForThePerson()
    {
        var scenario = ConsentTests.WithGroup();
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null));

        var requested = Assert.IsType<HealthAccessRequested>(Assert.Single(scenario.Accepts(Cast.Kontaktbetjent, new ApproveHealthAccess(Cast.NavAdvisor))));

        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.NavAdvisor));
        Assert.Equal(Cast.NavAdvisor, scenario.Case.PrivacyRequests[requested.RequestId].UserId);

        scenario.Accepts(Cast.Person, new ConfirmPrivacyRequest(requested.RequestId));

        Assert.Equal(DetailAccess.Full, Access(scenario, Cast.NavAdvisor));
        Assert.Equal(Cast.Person, scenario.Case.HealthApprovals[Cast.NavAdvisor].RecordedById);
    }

    [Fact]
    public void ASecondMember_MayConfirm_ButNotTheOneWhoRecordedIt_NorTheOneApproved()
    {
        var scenario = ConsentTests.WithGroup();
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null));
        var consent = Assert.IsType<ConsentRequested>(Assert.Single(scenario.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PartnerSystems], null))));
        var approval = Assert.IsType<HealthAccessRequested>(Assert.Single(scenario.Accepts(Cast.Kontaktbetjent, new ApproveHealthAccess(Cast.NavAdvisor))));

        scenario.Refuses(Cast.Kontaktbetjent, new ConfirmPrivacyRequest(consent.RequestId), ErrorKind.Forbidden, "privacy-request.own");
        scenario.Refuses(Cast.NavAdvisor, new ConfirmPrivacyRequest(approval.RequestId), ErrorKind.Forbidden, "health-access.self");
        scenario.Refuses(Cast.OsloCaseworker, new ConfirmPrivacyRequest(approval.RequestId), ErrorKind.Forbidden, "case.not-member");
        scenario.Refuses(Cast.Caseworker, new ConfirmPrivacyRequest("privacy-nope"), ErrorKind.NotFound, "privacy-request.not-found");

        scenario.Accepts(Cast.Caseworker, new ConfirmPrivacyRequest(consent.RequestId));
        scenario.Accepts(HealthWorker, new ConfirmPrivacyRequest(approval.RequestId));

        Assert.True(scenario.Case.Consent.Covers(ConsentScope.PartnerSystems));
        Assert.Equal(DetailAccess.Full, Access(scenario, Cast.NavAdvisor));
        Assert.Empty(scenario.Case.PrivacyRequests);
    }

    [Fact]
    public void ThePerson_RejectsWhatWasRecordedOnTheirWord_AndNothingTakesEffect()
    {
        var scenario = ConsentTests.WithGroup();
        var consent = Assert.IsType<ConsentRequested>(Assert.Single(scenario.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PlanSharing], null))));

        scenario.Refuses(Cast.NavAdvisor, new RejectPrivacyRequest(consent.RequestId, null), ErrorKind.Forbidden, "privacy-request.not-person");
        scenario.Accepts(Cast.Person, new RejectPrivacyRequest(consent.RequestId, "Det sa jeg ikke"));

        Assert.Empty(scenario.Case.Consent.Scopes);
        Assert.Empty(scenario.Case.PrivacyRequests);
        scenario.Refuses(Cast.Caseworker, new ConfirmPrivacyRequest(consent.RequestId), ErrorKind.NotFound, "privacy-request.not-found");
    }

    [Fact]
    public void AWithdrawal_DropsWhatWaits_SoNoSecondMemberCanConfirmItAfterThePersonSaidNo()
    {
        var scenario = ConsentTests.WithGroup();
        var consent = Assert.IsType<ConsentRequested>(Assert.Single(scenario.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PlanSharing], null))));
        var approval = Assert.IsType<HealthAccessRequested>(Assert.Single(scenario.Accepts(Cast.Kontaktbetjent, new ApproveHealthAccess(Cast.NavAdvisor))));

        scenario.Accepts(Cast.Person, new WithdrawConsent([ConsentScope.PlanSharing], null));
        scenario.Accepts(Cast.Person, new RevokeHealthAccess(Cast.NavAdvisor));

        Assert.Empty(scenario.Case.PrivacyRequests);
        scenario.Refuses(Cast.Caseworker, new ConfirmPrivacyRequest(consent.RequestId), ErrorKind.NotFound, "privacy-request.not-found");
        scenario.Refuses(Cast.Caseworker, new ConfirmPrivacyRequest(approval.RequestId), ErrorKind.NotFound, "privacy-request.not-found");
    }

    [Fact]
    public void ASelfApprovalOnRecordFromBeforeTheRule_CountsForNothing()
    {
        var scenario = ConsentTests.WithGroup();
        var record = new CaseEventRecord(CaseScenario.CaseId, scenario.Case.Version + 1, Cast.Kontaktbetjent, null, scenario.Now, new HealthAccessApproved(Cast.Kontaktbetjent));

        var after = CaseEvolver.Apply(scenario.Case, record);

        Assert.Empty(after.HealthApprovals);
    }
}
