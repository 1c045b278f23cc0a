using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseGrid.Api.Tests;

/// <summary>A unit's index of current and incoming cases, which cases keep up to date one-way.</summary>
[Collection(SharedHost.Name)]
public sealed class UnitIndexTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task UnitCases_ListTheCaseAsIncoming_AfterAHandoverIsOfferedToTheUnit()
    {
        using var world = await TestWorld.CreateAsync(factory);
        // A second municipality: not the case's home, so only the offer relates the case to it.
        var receivingId = $"kommune-b-{world.Suffix}";
        await world.DefineUnitAsync(receivingId, "Nabokommune", "Municipality");
        var receiver = await world.UserAsync($"u-sofie-{world.Suffix}", "Sofie Strand");
        await world.AddStaffAsync(receivingId, receiver, isLeader: false);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();

        await world.OfferHousingAsync(caseId, receivingId);

        var entry = await Api.EventuallyAsync(
            async () =>
            {
                using var response = await receiver.Http.GetAsync($"/api/v1/units/{receivingId}/cases");
                var body = await response.Content.ReadFromJsonAsync<JsonArray>();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return body!.FirstOrDefault(e => e!.Str("caseId") == caseId);
            },
            e => e?.Str("relation") == "Incoming",
            $"unit {receivingId} lists case {caseId} as Incoming");
        Assert.Equal("Ola Nordmann", entry!.Str("personDisplayName"));
        Assert.Equal(1, entry!.Number("handoversAwaitingUnit"));
        Assert.Equal(Api.Today.AddDays(42).Iso(), entry!.Str("expectedRelease"));

        // The prison holding the case lists it as current.
        var current = await Api.EventuallyAsync(
            async () =>
            {
                using var response = await world.Officer.Http.GetAsync($"/api/v1/units/{world.PrisonId}/cases");
                var body = await response.Content.ReadFromJsonAsync<JsonArray>();
                return body!.FirstOrDefault(e => e!.Str("caseId") == caseId);
            },
            e => e?.Str("relation") == "Current",
            $"unit {world.PrisonId} lists case {caseId} as Current");
        Assert.Equal("Serving", current!.Str("phase"));
    }

    [Fact]
    public async Task UnitCases_Returns403_ForSomeoneWhoDoesNotWorkThere()
    {
        using var world = await TestWorld.CreateAsync(factory);
        await world.OpenCaseAsync();

        using var outsider = await world.Outsider.Http.GetAsync($"/api/v1/units/{world.PrisonId}/cases");
        using var otherUnit = await world.Caseworker.Http.GetAsync($"/api/v1/units/{world.PrisonId}/cases");

        await outsider.ProblemAsync(HttpStatusCode.Forbidden, "unit.not-staff");
        await otherUnit.ProblemAsync(HttpStatusCode.Forbidden, "unit.not-staff");
    }
}
