using System.Net;
using System.Net.Http.Json;

namespace CaseGrid.Api.Tests;

/// <summary>
/// A receiving agency's own case system acts on a handover and a measure for one of its caseworkers: accept, decline,
/// update a measure; the event log names the system, and a system can act only for its own unit's staff.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class PartnerActionTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task AMunicipalitysSystem_AcceptsAHandover_AndUpdatesAMeasure_ForItsCaseworker()
    {
        var (world, system, caseId, handoverId) = await HousingOfferedAsync();
        using var disposeWorld = world;
        using var disposeSystem = system;

        using var accept = await SendAsync(system, HttpMethod.Post, $"/api/v1/cases/{caseId}/handovers/{handoverId}/accept", world.Caseworker.Id, null);
        var accepted = await accept.OkJsonAsync();
        Assert.Contains("handover-accepted", accepted.EventTypes());

        using var add = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/measures", new
        {
            needCodes = Housing, what = "Leilighet i Årstad tildelt", ownerId = world.Caseworker.Id, due = Api.Today.AddDays(14).Iso(),
        });
        var added = await add.OkJsonAsync();
        var measureId = added["events"]![0]!.Str("event.measureId")!;

        using var chosen = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/measures/{measureId}/status",
            new { expectedVersion = added.Number("version"), status = "ChosenByPerson", note = "Ola vil ha denne" });
        var chosenVersion = (await chosen.OkJsonAsync()).Number("version");

        using var status = await SendAsync(system, HttpMethod.Post, $"/api/v1/cases/{caseId}/measures/{measureId}/status", world.Caseworker.Id,
            new { expectedVersion = chosenVersion, status = "AcceptedByOwner", note = "Kontrakt sendt" });
        await status.OkJsonAsync();

        var events = (await world.EventsAsync(caseId))["events"]!.AsArray();
        var byTheSystem = events.Where(e => e!.Str("clientId") == $"kommune-fag-{world.Suffix}").ToList();
        Assert.Equal(["member-added", "handover-accepted", "measure-status-changed"], byTheSystem.Select(e => e!.Str("event.type")));
        Assert.All(byTheSystem, e => Assert.Equal(world.Caseworker.Id, e!.Str("actorId")));
    }

    [Fact]
    public async Task AMunicipalitysSystem_DeclinesAHandover_ForItsCaseworker()
    {
        var (world, system, caseId, handoverId) = await HousingOfferedAsync();
        using var disposeWorld = world;
        using var disposeSystem = system;

        using var decline = await SendAsync(system, HttpMethod.Post, $"/api/v1/cases/{caseId}/handovers/{handoverId}/decline", world.Caseworker.Id,
            new { reason = "Ingen ledige boliger før mars; se ny dato." });

        Assert.Contains("handover-declined", (await decline.OkJsonAsync()).EventTypes());
    }

    [Fact]
    public async Task ASystem_ActsOnlyForStaffOfItsOwnUnit_AndNeverOnItsOwn()
    {
        var (world, system, caseId, handoverId) = await HousingOfferedAsync();
        using var disposeWorld = world;
        using var disposeSystem = system;
        var path = $"/api/v1/cases/{caseId}/handovers/{handoverId}/accept";
        var before = await world.EventCountAsync(caseId);

        using var forNav = await SendAsync(system, HttpMethod.Post, path, world.NavAdvisor.Id, null);
        await forNav.ProblemAsync(HttpStatusCode.Forbidden, "acting-for.not-staff");
        using var onItsOwn = await SendAsync(system, HttpMethod.Post, path, null, null);
        await onItsOwn.ProblemAsync(HttpStatusCode.Forbidden, "case.not-member");
        using var userWithHeader = await SendAsync(world.NavAdvisor.Http, HttpMethod.Post, path, world.Caseworker.Id, null);
        await userWithHeader.ProblemAsync(HttpStatusCode.Forbidden, "acting-for.not-system");

        Assert.Equal(before, await world.EventCountAsync(caseId));
    }

    private static readonly string[] Housing = ["housing"];

    /// <summary>
    /// A case whose housing is offered to the municipality, where the person consents to sharing with the agencies'
    /// systems, and the municipality's own case system.
    /// </summary>
    private async Task<(TestWorld World, HttpClient System, string CaseId, string HandoverId)> HousingOfferedAsync()
    {
        var world = await TestWorld.CreateAsync(factory);
        var system = await factory.SystemClientAsync($"kommune-fag-{world.Suffix}", "Municipality", world.MunicipalityId);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        await world.ConsentAsync(caseId, "PartnerSystems");
        return (world, system, caseId, await world.OfferHousingAsync(caseId, world.MunicipalityId));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? actingFor, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (actingFor is not null)
        {
            request.Headers.Add("CaseGrid-Acting-For", actingFor);
        }

        return await client.SendAsync(request);
    }
}
