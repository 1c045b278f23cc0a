using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseGrid.Api.Tests;

/// <summary>
/// What the coordinator records on the person's word — consent, or that a member may see health details — waits for
/// the person's own confirmation before anyone sees more, and the person sees it in their case at once.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class ConsentConfirmationTests(CaseGridApiFactory factory)
{
    private const string HealthText = "LAR-CONFIRM-8ZQ";
    private static readonly string[] PlanSharing = ["PlanSharing"];

    [Fact]
    public async Task ConsentOnThePersonsWord_TakesEffectOnlyOnceThePersonConfirmsIt()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var (caseId, person) = await CaseWithPersonAsync(world, consent: false);
        await world.AddMemberAsync(caseId, world.NavAdvisor.Id, world.NavAdvisor.Name, "NavAdvisor", "Nav", world.NavId);
        using (var identify = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/needs/housing/identify", new { ownerId = world.Officer.Id, assessment = "BOLIG-CONFIRM-1" }))
        {
            await identify.OkJsonAsync();
        }

        using var recorded = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent", new { scopes = PlanSharing, note = "Kartleggingssamtale" });

        Assert.Equal(["consent-requested"], (await recorded.OkJsonAsync()).EventTypes());
        Assert.DoesNotContain("BOLIG-CONFIRM-1", await world.NavAdvisor.Http.GetStringAsync($"/api/v1/cases/{caseId}"), StringComparison.Ordinal);

        // The person sees it at once, with who recorded it, and confirms it.
        var seen = JsonNode.Parse(await person.Http.GetStringAsync($"/api/v1/cases/{caseId}"))!;
        var request = Assert.Single(seen["privacyRequests"]!.AsObject()).Value!;
        Assert.Equal(world.Officer.Id, request.Str("recordedById"));
        Assert.Equal("Consent", request.Str("kind"));
        using var confirmed = await person.Http.PostAsync($"/api/v1/cases/{caseId}/privacy-requests/{request.Str("requestId")}/confirm", null);
        Assert.Equal(["privacy-request-confirmed", "consent-recorded"], (await confirmed.OkJsonAsync()).EventTypes());

        Assert.Contains("BOLIG-CONFIRM-1", await world.NavAdvisor.Http.GetStringAsync($"/api/v1/cases/{caseId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApprovalOnThePersonsWord_ShowsNoHealthDetails_UntilThePersonConfirms_AndThePersonMayReject()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var (caseId, person) = await CaseWithPersonAsync(world, consent: true);
        await world.AddMemberAsync(caseId, world.NavAdvisor.Id, world.NavAdvisor.Name, "NavAdvisor", "Nav", world.NavId);
        await world.AddMemberAsync(caseId, world.Caseworker.Id, world.Caseworker.Name, "MunicipalCaseworker", "Municipality", world.MunicipalityId);
        using (var identify = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/needs/substance-use/identify", new { ownerId = world.Officer.Id, assessment = HealthText }))
        {
            await identify.OkJsonAsync();
        }

        using var toNav = await world.Officer.Http.PutAsync($"/api/v1/cases/{caseId}/health-access/{world.NavAdvisor.Id}", null);
        var navRequest = (await toNav.OkJsonAsync())["events"]![0]!.Str("event.requestId")!;
        using var toCaseworker = await world.Officer.Http.PutAsync($"/api/v1/cases/{caseId}/health-access/{world.Caseworker.Id}", null);
        var caseworkerRequest = (await toCaseworker.OkJsonAsync())["events"]![0]!.Str("event.requestId")!;
        Assert.DoesNotContain(HealthText, await world.NavAdvisor.Http.GetStringAsync($"/api/v1/cases/{caseId}"), StringComparison.Ordinal);

        // The coordinator cannot confirm what they recorded themselves; the member approved cannot confirm it either.
        using (var own = await world.Officer.Http.PostAsync($"/api/v1/cases/{caseId}/privacy-requests/{navRequest}/confirm", null))
        {
            await own.ProblemAsync(HttpStatusCode.Forbidden, "privacy-request.own");
        }

        using (var self = await world.NavAdvisor.Http.PostAsync($"/api/v1/cases/{caseId}/privacy-requests/{navRequest}/confirm", null))
        {
            await self.ProblemAsync(HttpStatusCode.Forbidden, "health-access.self");
        }

        using (var yes = await person.Http.PostAsync($"/api/v1/cases/{caseId}/privacy-requests/{navRequest}/confirm", null))
        {
            Assert.Equal(["privacy-request-confirmed", "health-access-approved"], (await yes.OkJsonAsync()).EventTypes());
        }

        using (var no = await person.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/privacy-requests/{caseworkerRequest}/reject", new { note = "Nei" }))
        {
            Assert.Equal(["privacy-request-rejected"], (await no.OkJsonAsync()).EventTypes());
        }

        Assert.Contains(HealthText, await world.NavAdvisor.Http.GetStringAsync($"/api/v1/cases/{caseId}"), StringComparison.Ordinal);
        Assert.DoesNotContain(HealthText, await world.Caseworker.Http.GetStringAsync($"/api/v1/cases/{caseId}"), StringComparison.Ordinal);
    }

    /// <summary>A case with the person as a member, consent to plan sharing given by the person or not at all.</summary>
    private static async Task<(string CaseId, TestWorld.User Person)> CaseWithPersonAsync(TestWorld world, bool consent)
    {
        var caseId = await world.OpenCaseAsync(consent: false);
        await world.AddMemberAsync(caseId, world.PersonId, "Ola Nordmann", "Person", "Person", null);
        var person = await world.UserAsync(world.PersonId, "Ola Nordmann");
        if (consent)
        {
            using var given = await person.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent", new { scopes = PlanSharing, note = "Selv" });
            await given.OkJsonAsync();
        }

        return (caseId, person);
    }
}
