using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Domain.Privacy;
using CaseGrid.Domain.Tests.Support;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules.Privacy;

/// <summary>
/// Consent, finer (domain §9): obtaining information from other agencies is a consent of its own, apart from sharing;
/// the person may share with some agencies and not others; consent may end on a date, after which it no longer counts
/// and the clock records that it ended.
/// </summary>
public sealed class FinerConsentTests
{
    private static DetailAccess Access(CaseScenario s, string userId) =>
        CaseAccess.DetailsFor(s.Case, new ActorRef(userId, userId), s.Today);

    [Fact]
    public void ObtainingInformation_NeedsItsOwnConsent_SharingIsNotEnough()
    {
        var scenario = ConsentTests.WithGroup();
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null));

        scenario.Refuses(Cast.Caseworker, new RequestInformation(Agency.Health, "Epikrise fra avrusningen"), ErrorKind.Forbidden, "consent.obtain-information");

        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.ObtainInformation], "Sa ja i samtalen"));
        var asked = Assert.IsType<InformationRequested>(Assert.Single(scenario.Accepts(Cast.Caseworker, new RequestInformation(Agency.Health, " Epikrise fra avrusningen "))));
        Assert.Equal((Agency.Health, "Epikrise fra avrusningen"), (asked.From, asked.What));
        var record = new CaseEventRecord(scenario.Case.CaseId, scenario.Case.Version, Cast.Caseworker, null, scenario.Now, asked);
        var redactor = new CaseRedactor(NeedAreaCatalogue.Default);
        Assert.NotEqual(asked.What, ((InformationRequested)redactor.Redact(record, scenario.Case, DetailAccess.HealthWithheld).Event).What);
        Assert.Equal(asked.What, ((InformationRequested)redactor.Redact(record, scenario.Case, DetailAccess.Full).Event).What);

        // Withdrawing sharing leaves the consent to obtain information as it was, and the other way round.
        scenario.Accepts(Cast.NavAdvisor, new WithdrawConsent([ConsentScope.PlanSharing], null));
        Assert.Single(scenario.Accepts(Cast.Caseworker, new RequestInformation(Agency.Nav, "Vedtak om AAP")));
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null));
        scenario.Accepts(Cast.NavAdvisor, new WithdrawConsent([ConsentScope.ObtainInformation], null));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.NavAdvisor));
        scenario.Refuses(Cast.Caseworker, new RequestInformation(Agency.Nav, "Vedtak om AAP"), ErrorKind.Forbidden, "consent.obtain-information");
    }

    [Fact]
    public void InformationRequests_AreRefusedWithoutASubject_FromThePerson_AndFromStrangers()
    {
        var scenario = ConsentTests.WithGroup();
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.ObtainInformation], null));

        scenario.Refuses(Cast.Caseworker, new RequestInformation(Agency.Health, " "), ErrorKind.BadRequest, "text.required");
        scenario.Refuses(Cast.Caseworker, new RequestInformation(Agency.Person, "Noe"), ErrorKind.BadRequest, "information.agency-invalid");
        scenario.Refuses(Cast.Person, new RequestInformation(Agency.Health, "Journalen min"), ErrorKind.Forbidden, "information.not-member");
        scenario.Refuses(Cast.OsloCaseworker, new RequestInformation(Agency.Health, "Journalen"), ErrorKind.Forbidden, "case.not-member");
    }

    [Fact]
    public void ThePerson_SharesWithSomeAgenciesAndNotOthers()
    {
        var scenario = ConsentTests.WithGroup();
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.NavAdvisor));

        // Any member the person tells may narrow the sharing, and it takes effect at once.
        var limited = Assert.IsType<SharingLimited>(Assert.Single(scenario.Accepts(Cast.Caseworker, new LimitSharing([Agency.Nav, Agency.Nav], "Vil ikke at NAV ser planen"))));
        Assert.Equal([Agency.Nav], limited.NotSharedWith.ToArray());

        Assert.Equal(DetailAccess.DetailsWithheld, Access(scenario, Cast.NavAdvisor));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.Caseworker));
        Assert.Equal(DetailAccess.Full, Access(scenario, ConsentTests.HealthWorker));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.Kontaktbetjent));
        Assert.Equal(DetailAccess.DetailsWithheld, CaseAccess.Readers(scenario.Case, scenario.Today)[Cast.NavAdvisor]);

        // Sharing with NAV again is the person's own decision.
        scenario.Refuses(Cast.Kontaktbetjent, new LimitSharing([], null), ErrorKind.Forbidden, "consent.widen-not-person");
        Assert.Empty(scenario.Accepts(Cast.Caseworker, new LimitSharing([Agency.Nav], null)));
        scenario.Accepts(Cast.Person, new LimitSharing([], "Greit likevel"));
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.NavAdvisor));
    }

    [Fact]
    public void SharingLimits_NameOtherAgencies_NotTheCorrectionalServiceNorThePerson()
    {
        var scenario = ConsentTests.WithGroup();

        scenario.Refuses(Cast.Person, new LimitSharing([Agency.Friomsorg], null), ErrorKind.Unprocessable, "consent.agency-correctional");
        scenario.Refuses(Cast.Person, new LimitSharing([Agency.Prison], null), ErrorKind.Unprocessable, "consent.agency-correctional");
        scenario.Refuses(Cast.Person, new LimitSharing(default, null), ErrorKind.BadRequest, "consent.agencies-required");
        scenario.Refuses(Cast.Person, new LimitSharing([(Agency)77], null), ErrorKind.BadRequest, "consent.agency-invalid");
        scenario.Refuses(Cast.OsloCaseworker, new LimitSharing([Agency.Nav], null), ErrorKind.Forbidden, "case.not-member");
    }

    [Fact]
    public void APartnerSystem_OfAnAgencyThePersonDoesNotShareWith_ReadsNothing()
    {
        var scenario = ConsentTests.WithGroup();
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing, ConsentScope.PartnerSystems], null));
        var navSystem = new ActorRef(ActorRef.SystemPrefix + "nav-fagsystem", "NAV fagsystem", "nav-fagsystem", Agency.Nav, Cast.Nav);
        Assert.Null(CaseAccess.Refusal(scenario.Case, navSystem, scenario.Today));

        scenario.Accepts(Cast.Person, new LimitSharing([Agency.Nav], null));

        Assert.Equal("consent.not-shared", CaseAccess.Refusal(scenario.Case, navSystem, scenario.Today)?.Code);
    }

    [Fact]
    public void ConsentWithAnEndDate_CountsUntilThatDay_ThenTheClockRecordsItEnded()
    {
        var scenario = ConsentTests.WithGroup();
        var end = scenario.Today.AddDays(10);
        scenario.Refuses(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null, scenario.Today.AddDays(-1)), ErrorKind.Unprocessable, "consent.until-past");

        var given = Assert.IsType<ConsentRecorded>(Assert.Single(scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing, ConsentScope.ObtainInformation], "For ett år", end))));
        Assert.Equal(end, given.Until);
        Assert.Equal(end, scenario.Case.Consent.Ends[ConsentScope.PlanSharing]);

        scenario.AdvanceTo(end);
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.NavAdvisor));
        Assert.DoesNotContain(scenario.Tick(), e => e is ConsentExpired);

        // The day after: it no longer counts, whether or not the clock has come by yet, and the clock records it once.
        scenario.AdvanceDays(1);
        Assert.Equal(DetailAccess.DetailsWithheld, Access(scenario, Cast.NavAdvisor));
        scenario.Refuses(Cast.Caseworker, new RequestInformation(Agency.Health, "Epikrise"), ErrorKind.Forbidden, "consent.obtain-information");
        var ended = Assert.Single(scenario.Tick().OfType<ConsentExpired>());
        Assert.Equal([ConsentScope.PlanSharing, ConsentScope.ObtainInformation], ended.Scopes.ToArray());
        Assert.Equal(end, ended.Until);
        Assert.Empty(scenario.Case.Consent.Scopes);
        Assert.Empty(scenario.Case.Consent.Ends);
        Assert.DoesNotContain(scenario.Tick(), e => e is ConsentExpired);
    }

    [Fact]
    public void GivingAScopeAgain_WithoutAnEnd_LiftsTheEnd_AndTheSameEndAgainChangesNothing()
    {
        var scenario = ConsentTests.WithGroup();
        var end = scenario.Today.AddDays(30);
        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null, end));
        Assert.Empty(scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], null, end)));

        scenario.Accepts(Cast.Person, new RecordConsent([ConsentScope.PlanSharing], "Uten sluttdato"));
        Assert.Empty(scenario.Case.Consent.Ends);
        scenario.AdvanceDays(60);
        Assert.Empty(scenario.Tick().OfType<ConsentExpired>());
        Assert.Equal(DetailAccess.HealthWithheld, Access(scenario, Cast.NavAdvisor));
    }

    [Fact]
    public void ConsentWithAnEndDate_RecordedOnThePersonsWord_WaitsForThePerson_AndTakesEffectWithItsEnd()
    {
        var scenario = ConsentTests.WithGroup();
        var end = scenario.Today.AddDays(30);

        var asked = Assert.IsType<ConsentRequested>(Assert.Single(scenario.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.ObtainInformation], "Sa ja i samtalen", end))));
        Assert.Equal(end, asked.Until);
        Assert.Empty(scenario.Case.Consent.Scopes);

        scenario.Accepts(Cast.Person, new ConfirmPrivacyRequest(asked.RequestId));
        Assert.Equal(end, scenario.Case.Consent.Ends[ConsentScope.ObtainInformation]);
        Assert.Single(scenario.Accepts(Cast.Caseworker, new RequestInformation(Agency.Nav, "Vedtak om AAP")));
    }

    [Fact]
    public void ConsentAskedForUntilADayThatHasPassed_TakesNoEffectWhenConfirmed()
    {
        var scenario = ConsentTests.WithGroup();
        var asked = Assert.IsType<ConsentRequested>(Assert.Single(scenario.Accepts(Cast.Kontaktbetjent, new RecordConsent([ConsentScope.PlanSharing], null, scenario.Today.AddDays(2)))));
        scenario.AdvanceDays(3);

        Assert.IsType<PrivacyRequestConfirmed>(Assert.Single(scenario.Accepts(Cast.Person, new ConfirmPrivacyRequest(asked.RequestId))));
        Assert.Empty(scenario.Case.Consent.Scopes);
    }
}
