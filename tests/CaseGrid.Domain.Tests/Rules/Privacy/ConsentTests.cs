using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain.Privacy;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules.Privacy;

public sealed class ConsentTests
{
    public const string HealthWorker = "h-hilde";

    /// <summary>The standard case with the person, a NAV advisor, a municipal caseworker and a health worker in the group.</summary>
    public static CaseScenario WithGroup()
    {
        var scenario = CaseScenario.Opened();
        scenario.Join(Cast.NavAdvisor);
        scenario.Join(Cast.Caseworker);
        scenario.Accepts(Cast.Kontaktbetjent, new AddMember(HealthWorker, "Hilde", MemberRole.HealthWorker, Agency.Health, null, null));
        return scenario;
    }

    private static DetailAccess Access(CaseScenario s, string userId, bool security = false) =>
        CaseAccess.DetailsFor(s.Case, new ActorRef(userId, userId, SecurityFunction: security), s.Today);

    [Fact]
    public void Consent_RecordedByThePerson_TakesEffectAtOnce_WithWhoAndWhen()
    {
        var scenario = WithGroup();

        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], "Kartleggingssamtale"));
        scenario.AdvanceDays(1);
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PartnerSystems, ConsentScope.PlanSharing], null));

        var consent = scenario.Case.Consent;
        Assert.Equal([ConsentScope.PlanSharing, ConsentScope.PartnerSystems], consent.Scopes.ToArray());
        Assert.Equal((Cast.Person, scenario.Now), (consent.RecordedById, consent.RecordedAt));
        Assert.Empty(scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null)));
    }

    [Fact]
    public void Consent_IsNotRecordedByOtherMembers_NorWithoutOrWithUnknownScopes()
    {
        var scenario = WithGroup();

        scenario.Refuses(Cast.NavAdvisor, new RecordConsent([ConsentScope.PlanSharing], null), ErrorKind.Forbidden, "consent.not-person");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordConsent([], null), ErrorKind.BadRequest, "consent.scopes-required");
        scenario.Refuses(Cast.Kontaktbetjent, new RecordConsent([(ConsentScope)42], null), ErrorKind.BadRequest, "consent.scope-invalid");
        scenario.Refuses(Cast.OsloCaseworker, new RecordConsent([ConsentScope.PlanSharing], null), ErrorKind.Forbidden, "case.not-member");
    }

    [Fact]
    public void Withdrawal_AnyMemberMayRecordIt_AndItTakesEffectAtOnce()
    {
        var scenario = WithGroup();
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing, ConsentScope.PartnerSystems], null));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.NavAdvisor));

        scenario.Accepts(Cast.NavAdvisor, new WithdrawConsent([ConsentScope.PlanSharing], "Sa det i telefonen"));

        Assert.Equal([ConsentScope.PartnerSystems], scenario.Case.Consent.Scopes.ToArray());
        Assert.Equal(DetailAccess.DetailsWithheld, Access(scenario, Cast.NavAdvisor));
        Assert.Equal(DetailAccess.DetailsWithheld, Access(scenario, HealthWorker));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.Kontaktbetjent));
        Assert.Equal(DetailAccess.Full, Access(scenario, Cast.Person));

        scenario.Accepts(Cast.Person, new WithdrawConsent([], null));
        Assert.True(scenario.Case.Consent.Scopes.IsEmpty);
        Assert.Empty(scenario.Accepts(Cast.Person, new WithdrawConsent([], null)));
    }

    [Fact]
    public void HealthDetails_ReachHealthMembersThePersonAndApprovedMembers_NeverASecurityFunction()
    {
        var scenario = WithGroup();
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null));

        Assert.Equal(DetailAccess.Full, Access(scenario, HealthWorker));
        Assert.Equal(DetailAccess.Full, Access(scenario, Cast.Person));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.NavAdvisor));

        scenario.Accepts(Cast.Person, new ApproveHealthAccess(Cast.NavAdvisor));
        scenario.Accepts(Cast.Person, new ApproveHealthAccess(Cast.Kontaktbetjent));

        Assert.Equal(DetailAccess.Full, Access(scenario, Cast.NavAdvisor));
        Assert.Equal(DetailAccess.Full, Access(scenario, Cast.Kontaktbetjent));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.Kontaktbetjent, security: true));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, HealthWorker, security: true));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.Caseworker));

        scenario.Accepts(Cast.NavAdvisor, new RevokeHealthAccess(Cast.NavAdvisor));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.NavAdvisor));
    }

    [Fact]
    public void HealthApproval_IsThePersonsToGive_ToCurrentMembersWhoDoNotHaveItAlready()
    {
        var scenario = WithGroup();

        scenario.Refuses(Cast.NavAdvisor, new ApproveHealthAccess(Cast.Caseworker), ErrorKind.Forbidden, "health-access.not-person");
        scenario.Refuses(Cast.Person, new ApproveHealthAccess(Cast.OsloCaseworker), ErrorKind.Unprocessable, "health-access.not-member");
        scenario.Refuses(Cast.Person, new ApproveHealthAccess(HealthWorker), ErrorKind.Conflict, "health-access.already");
        scenario.Refuses(Cast.Person, new ApproveHealthAccess(Cast.Person), ErrorKind.Conflict, "health-access.already");
        scenario.Accepts(Cast.Person, new ApproveHealthAccess(Cast.Caseworker));
        scenario.Refuses(Cast.NavAdvisor, new RevokeHealthAccess(Cast.Caseworker), ErrorKind.Forbidden, "health-access.not-person");
        Assert.Equal(Cast.Person, scenario.Case.HealthApprovals[Cast.Caseworker].RecordedById);
    }

    [Fact]
    public void AFormerMember_ReadsNothing_EvenWithAnApprovalOnRecord()
    {
        var scenario = WithGroup();
        scenario.Accepts(Cast.Person, new ApproveHealthAccess(Cast.NavAdvisor));
        scenario.Accepts(Cast.Kontaktbetjent, new EndMembership(Cast.NavAdvisor, null));

        var refusal = CaseAccess.Refusal(scenario.Case, new ActorRef(Cast.NavAdvisor, "x"), scenario.Today);

        Assert.Equal("case.not-member", refusal?.Code);
        Assert.False(CaseAccess.Readers(scenario.Case, scenario.Today).ContainsKey(Cast.NavAdvisor));
    }

    [Fact]
    public void PartnerSystems_ReadOnlyWithConsent_AndOnlyCasesTheirUnitIsPartOf()
    {
        var scenario = WithGroup();
        var nav = new ActorRef("system:nav", "NAV", "nav", Agency.Nav, Cast.Nav);
        var oslo = new ActorRef("system:oslo", "Oslo", "oslo", Agency.Municipality, Cast.OsloMunicipality);
        var health = new ActorRef("system:helse", "Helse", "helse", Agency.Health, Cast.Nav);

        Assert.Equal("consent.partner-systems", CaseAccess.Refusal(scenario.Case, nav, scenario.Today)?.Code);
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PartnerSystems, ConsentScope.PlanSharing], null));

        Assert.Null(CaseAccess.Refusal(scenario.Case, nav, scenario.Today));
        Assert.Equal("case.not-involved", CaseAccess.Refusal(scenario.Case, oslo, scenario.Today)?.Code);
        Assert.Equal(DetailAccess.HealthWithheld, CaseAccess.DetailsFor(scenario.Case, nav, scenario.Today));
        Assert.Equal(DetailAccess.Full, CaseAccess.DetailsFor(scenario.Case, health, scenario.Today));
        Assert.Equal(DetailAccess.HealthWithheld, CaseAccess.DetailsFor(scenario.Case, health with { SecurityFunction = true }, scenario.Today));
    }

    [Fact]
    public void Presentation_ShowsOnlyWhatEveryMemberMaySee()
    {
        var scenario = WithGroup();
        Assert.Equal(DetailAccess.DetailsWithheld, CaseAccess.Presentation(scenario.Case, scenario.Today));

        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null));
        Assert.Equal(DetailAccess.HealthWithheld, CaseAccess.Presentation(scenario.Case, scenario.Today));

        foreach (var member in new[] { Cast.Kontaktbetjent, Cast.NavAdvisor, Cast.Caseworker })
        {
            scenario.Accepts(Cast.Person, new ApproveHealthAccess(member));
        }

        Assert.Equal(DetailAccess.Full, CaseAccess.Presentation(scenario.Case, scenario.Today));
    }

    [Fact]
    public void ConsentEvents_ReplayToTheSameState()
    {
        var scenario = WithGroup();
        var requested = scenario.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PlanSharing, ConsentScope.PartnerSystems], "x"));
        scenario.Accepts(Cast.Person, new ConfirmPrivacyRequest(((ConsentRequested)requested.Single()).RequestId));
        scenario.Accepts(Cast.Kontaktbetjent, new ApproveHealthAccess(Cast.Caseworker));
        scenario.Accepts(Cast.Person, new ApproveHealthAccess(Cast.NavAdvisor));
        scenario.Accepts(Cast.Person, new WithdrawConsent([ConsentScope.PartnerSystems], null));

        var replayed = CaseGrid.Domain.CaseEvolver.Replay(scenario.Log.Select(r => StateJson.Deserialize<CaseEventRecord>(StateJson.Serialize(r))!));

        Assert.Equal(StateJson.Canonical(scenario.Case), StateJson.Canonical(replayed));
        Assert.Equal([ConsentScope.PlanSharing], replayed!.Consent.Scopes.ToArray());
    }

    [Fact]
    public void AMemberWhoCannotSeeAnAreasDetails_CannotOverwriteThem()
    {
        var scenario = WithGroup();
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null));
        scenario.Accepts(Cast.Kontaktbetjent, new IdentifyNeed("substance-use", HealthWorker, null, "LAR"));
        var version = scenario.Case.NeedAreas["substance-use"].Version;

        // The coordinator may edit every area, but not over health details kept from them.
        scenario.Refuses(Cast.Kontaktbetjent, new UpdateNeedArea("substance-use", version, null, "overwritten", Contracts.Plan.NeedStatus.InProgress), ErrorKind.Forbidden, "details.withheld");

        scenario.Accepts(Cast.Person, new ApproveHealthAccess(Cast.Kontaktbetjent));
        scenario.Accepts(Cast.Kontaktbetjent, new UpdateNeedArea("substance-use", version, null, "LAR, videre", Contracts.Plan.NeedStatus.InProgress));
    }
}
