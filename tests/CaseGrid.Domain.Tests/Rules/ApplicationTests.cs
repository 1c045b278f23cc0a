using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules;

/// <summary>
/// Applications to partners (domain §7; 004:418-432): a measure can be an application — applied, decision (vedtak),
/// appeal (klage) — with dates, so the referral is documented and a complaint is possible; each kind's lead time warns
/// when the decision cannot come before the earliest release.
/// </summary>
public sealed class ApplicationTests
{
    /// <summary>A housing measure owned by the municipal caseworker; release (2/3) on 2026-07-06.</summary>
    private static (CaseScenario Scenario, string MeasureId) HousingMeasure()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Identify("housing", Cast.Caseworker);
        scenario.Accepts(Cast.Caseworker, new AddMeasure(["housing"], "Søknad om kommunal bolig", null, Cast.Caseworker, null, null));
        return (scenario, scenario.LastMeasureId);
    }

    private static ApplicationOutlook Outlook(CaseScenario scenario, string measureId) =>
        ApplicationOutlooks.Assess(scenario.Case, scenario.Rules, scenario.Today).Single(o => o.MeasureId == measureId);

    [Fact]
    public void AnApplication_GoesAppliedRefusedAppealedGranted_EachWithItsDate()
    {
        var (scenario, id) = HousingMeasure();

        scenario.Accepts(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Applied, scenario.Today, ApplicationKind.Housing, "Bergen kommune, boligetaten", "Saksnr. 26/1234"));
        scenario.AdvanceDays(20);
        scenario.Accepts(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Refused, scenario.Today, null, null, "Ikke prioritert"));
        scenario.AdvanceDays(3);
        scenario.Accepts(Cast.Kontaktbetjent, new RecordApplicationStep(id, ApplicationStep.Appealed, scenario.Today, null, null, "Klage til statsforvalteren"));
        scenario.AdvanceDays(30);
        scenario.Accepts(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.AppealGranted, scenario.Today, null, null, null));

        var application = scenario.Case.Measures[id].Application!;
        Assert.Equal((ApplicationKind.Housing, "Bergen kommune, boligetaten", ApplicationStep.AppealGranted), (application.Kind, application.Partner, application.Step));
        Assert.Equal([ApplicationStep.Applied, ApplicationStep.Refused, ApplicationStep.Appealed, ApplicationStep.AppealGranted], application.Entries.Select(e => e.Step));
        Assert.Equal((D("2026-03-02"), D("2026-03-22")), (application.AppliedOn, application.DecidedOn));
        Assert.Equal(Cast.Kontaktbetjent, application.Entries[2].RecordedById);
        Assert.True(application.IsGranted);
    }

    [Fact]
    public void StepsOutOfOrder_OrWithoutWhatTheyNeed_AreRefused()
    {
        var (scenario, id) = HousingMeasure();

        scenario.Refuses(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Granted, scenario.Today, ApplicationKind.Housing, null, null), ErrorKind.Conflict, "application.invalid-step");
        scenario.Refuses(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Applied, scenario.Today, null, null, null), ErrorKind.Unprocessable, "application.kind-required");
        scenario.Refuses(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Applied, null, ApplicationKind.Housing, null, null), ErrorKind.BadRequest, "application.date-required");
        scenario.Refuses(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Applied, scenario.Today.AddDays(1), ApplicationKind.Housing, null, null), ErrorKind.Unprocessable, "application.date-in-future");
        scenario.Refuses(Cast.NavAdvisor, new RecordApplicationStep(id, ApplicationStep.Applied, scenario.Today, ApplicationKind.Housing, null, null), ErrorKind.Forbidden, "case.not-member");
        scenario.Refuses(Cast.Person, new RecordApplicationStep(id, ApplicationStep.Applied, scenario.Today, ApplicationKind.Housing, null, null), ErrorKind.Forbidden, "application.not-owner");

        scenario.Accepts(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Applied, scenario.Today, ApplicationKind.Housing, null, null));
        scenario.Refuses(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Appealed, scenario.Today, null, null, null), ErrorKind.Conflict, "application.invalid-step");
        scenario.Refuses(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Granted, scenario.Today.AddDays(-1), null, null, null), ErrorKind.Unprocessable, "application.date-before-previous");
    }

    [Fact]
    public void APlannedApplication_WhoseDecisionCannotComeBeforeTheEarliestRelease_IsRed()
    {
        var (scenario, id) = HousingMeasure();
        scenario.Accepts(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Planned, null, ApplicationKind.Housing, null, null));

        var onTime = Outlook(scenario, id);
        Assert.Equal((ReadinessColour.Green, D("2026-05-11"), D("2026-04-27")), (onTime.Colour, onTime.ApplyBy, onTime.ExpectedDecision));
        Assert.Contains("typisk ledetid 8 uker (bolig)", onTime.Reason, StringComparison.Ordinal);
        Assert.Contains("send innen 2026-05-11", onTime.Reason, StringComparison.Ordinal);

        scenario.AdvanceTo(D("2026-05-06"));
        Assert.Equal(ReadinessColour.Amber, Outlook(scenario, id).Colour);

        scenario.AdvanceTo(D("2026-05-20"));
        var late = Outlook(scenario, id);
        Assert.Equal((ReadinessColour.Red, D("2026-07-15")), (late.Colour, late.ExpectedDecision));
        Assert.Contains("etter tidligste løslatelse 2026-07-06; burde vært sendt innen 2026-05-11", late.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ASentApplication_IsCountedFromTheDayItWasSent_AndARefusalShowsTheAppealDeadline()
    {
        var (scenario, id) = HousingMeasure();
        scenario.AdvanceTo(D("2026-05-15"));
        scenario.Accepts(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Applied, D("2026-05-12"), ApplicationKind.Treatment, "Bergensklinikkene", null));

        var sent = Outlook(scenario, id);
        Assert.Equal((ReadinessColour.Green, D("2026-06-23")), (sent.Colour, sent.ExpectedDecision));
        Assert.Contains("Sendt 2026-05-12; typisk ledetid 6 uker (behandlingsplass)", sent.Reason, StringComparison.Ordinal);

        scenario.Accepts(Cast.Caseworker, new RecordApplicationStep(id, ApplicationStep.Refused, scenario.Today, null, null, null));
        var refused = Outlook(scenario, id);
        Assert.Equal((ReadinessColour.Red, D("2026-06-05")), (refused.Colour, refused.AppealBy));
        Assert.Contains("klagefrist 2026-06-05 (3 uker)", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePartnerAndNotes_OfAHealthApplication_AreWithheldFromThoseWithoutHealthAccess()
    {
        var scenario = Opened();
        scenario.Join(Cast.Caseworker);
        scenario.Identify("substance-use", Cast.Caseworker);
        scenario.Accepts(Cast.Caseworker, new AddMeasure(["substance-use"], "Søknad om døgnbehandling", null, Cast.Caseworker, null, null));
        scenario.Accepts(Cast.Caseworker, new RecordApplicationStep(scenario.LastMeasureId, ApplicationStep.Applied, scenario.Today, ApplicationKind.Treatment, "HELSEPARTNER-9Z", "HELSENOTAT-4Q"));
        var redactor = new CaseRedactor(NeedAreaCatalogue.Default);

        var state = redactor.Redact(scenario.Case, Contracts.Privacy.DetailAccess.HealthWithheld);
        var events = redactor.Redact(scenario.Log, scenario.Case, Contracts.Privacy.DetailAccess.HealthWithheld);

        Assert.DoesNotContain("HELSEPARTNER-9Z", StateJson.Serialize(state), StringComparison.Ordinal);
        Assert.DoesNotContain("HELSENOTAT-4Q", StateJson.Serialize(events), StringComparison.Ordinal);
        Assert.Equal(ApplicationKind.Treatment, state.Measures[scenario.LastMeasureId].Application!.Kind);
        Assert.Contains("HELSEPARTNER-9Z", StateJson.Serialize(scenario.Case), StringComparison.Ordinal);
    }
}
