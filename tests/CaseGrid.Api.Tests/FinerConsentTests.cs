using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Consent, finer (domain §9), through HTTP: the person shares with some agencies and not others, and a member of an agency
/// left out reads the case without what the consent protects; obtaining information from other agencies is a consent of
/// its own; consent given with an end date shows it.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class FinerConsentTests(CaseGridApiFactory factory)
{
    private const string HousingText = "Søknad om kommunal bolig i Årstad er sendt.";
    private static readonly string[] PlanSharing = ["PlanSharing"];
    private static readonly string[] ObtainInformation = ["ObtainInformation"];
    private static readonly string[] Nav = ["Nav"];

    [Fact]
    public async Task AMemberOfAnAgencyThePersonDoesNotShareWith_DoesNotSeeWhatConsentProtects()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync(consent: false);
        var path = $"/api/v1/cases/{caseId}";
        await world.AddMemberAsync(caseId, world.PersonId, "Ola Nordmann", "Person", "Person", null);
        await world.AddMemberAsync(caseId, world.NavAdvisor.Id, world.NavAdvisor.Name, "NavAdvisor", "Nav", world.NavId);
        await world.AddMemberAsync(caseId, world.Caseworker.Id, world.Caseworker.Name, "MunicipalCaseworker", "Municipality", world.MunicipalityId);
        var person = await world.UserAsync(world.PersonId, "Ola Nordmann");
        var until = Api.Today.AddDays(365).Iso();
        using (var given = await person.Http.PostAsJsonAsync($"{path}/consent", new { scopes = PlanSharing, note = "Sa ja i kartleggingssamtalen", until }))
        {
            await given.OkJsonAsync();
        }

        using (var identify = await world.Officer.Http.PostAsJsonAsync($"{path}/needs/housing/identify", new { ownerId = world.Officer.Id, assessment = HousingText }))
        {
            await identify.OkJsonAsync();
        }

        Assert.Contains(HousingText, await world.NavAdvisor.Http.GetStringAsync(path), StringComparison.Ordinal);

        // The person tells the caseworker they do not want NAV to see the plan: she records it, and it takes effect at once.
        using (var limited = await world.Caseworker.Http.PutAsJsonAsync($"{path}/consent/not-shared-with", new { notSharedWith = Nav, note = "Sa det på telefon" }))
        {
            Assert.Equal("sharing-limited", (await limited.OkJsonAsync()).EventTypes()[0]);
        }

        var nav = JsonNode.Parse(await world.NavAdvisor.Http.GetStringAsync(path))!;
        Assert.DoesNotContain(HousingText, nav.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("housing", nav["withheldAreas"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.DoesNotContain(HousingText, await world.NavAdvisor.Http.GetStringAsync($"{path}/events"), StringComparison.Ordinal);
        Assert.Contains(HousingText, await world.Caseworker.Http.GetStringAsync(path), StringComparison.Ordinal);

        var consent = (await world.CaseAsync(caseId))["consent"]!;
        Assert.Equal("Nav", consent["notSharedWith"]![0]!.GetValue<string>());
        Assert.Equal(until, consent["ends"]!["PlanSharing"]!.GetValue<string>());

        // Sharing with NAV again is the person's own decision.
        using (var widened = await world.Officer.Http.PutAsJsonAsync($"{path}/consent/not-shared-with", new { notSharedWith = Array.Empty<string>() }))
        {
            await widened.ProblemAsync(HttpStatusCode.Forbidden, "consent.widen-not-person");
        }

        using (var widened = await person.Http.PutAsJsonAsync($"{path}/consent/not-shared-with", new { notSharedWith = Array.Empty<string>() }))
        {
            await widened.OkJsonAsync();
        }

        Assert.Contains(HousingText, await world.NavAdvisor.Http.GetStringAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InformationFromOtherAgencies_IsAskedForOnlyUnderItsOwnConsent()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync(consent: false);
        var path = $"/api/v1/cases/{caseId}";
        await world.AddMemberAsync(caseId, world.PersonId, "Ola Nordmann", "Person", "Person", null);
        var person = await world.UserAsync(world.PersonId, "Ola Nordmann");
        using (var sharing = await person.Http.PostAsJsonAsync($"{path}/consent", new { scopes = PlanSharing }))
        {
            await sharing.OkJsonAsync();
        }

        var versionBefore = (await world.CaseAsync(caseId)).Number("version");
        using (var refused = await world.Officer.Http.PostAsJsonAsync($"{path}/information-requests", new { from = "Health", what = "Epikrise fra avrusningen" }))
        {
            await refused.ProblemAsync(HttpStatusCode.Forbidden, "consent.obtain-information");
        }

        Assert.Equal(versionBefore, (await world.CaseAsync(caseId)).Number("version"));

        using (var obtain = await person.Http.PostAsJsonAsync($"{path}/consent", new { scopes = ObtainInformation, note = "Ja, dere kan hente opplysninger" }))
        {
            await obtain.OkJsonAsync();
        }

        using var asked = await world.Officer.Http.PostAsJsonAsync($"{path}/information-requests", new { from = "Health", what = "Epikrise fra avrusningen" });
        Assert.Equal("information-requested", (await asked.OkJsonAsync()).EventTypes()[0]);
    }
}
