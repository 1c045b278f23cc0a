using System.Text.Json.Nodes;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Acknowledged changes survive a restart of the whole host: the case grain's state is the fold of its event
/// log in PostgreSQL, so a new host — a new silo in a new cluster, on the same database — rebuilds it exactly.
/// Runs on hosts of its own, so stopping one does not disturb the shared host.
/// </summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task AcknowledgedChanges_SurviveARestartOfTheWholeHost()
    {
        string caseId, officerId, officerName, handoverId, firstClusterId;
        JsonObject stateBefore, eventsBefore;
        await using (var first = new CaseGridApiFactory())
        {
            firstClusterId = first.ClusterId;
            using var world = await TestWorld.CreateAsync(first);
            caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
            handoverId = await world.OfferHousingAsync(caseId, world.MunicipalityId);
            using var accept = await world.Caseworker.Http.PostAsync($"/api/v1/cases/{caseId}/handovers/{handoverId}/accept", null);
            await accept.OkJsonAsync();
            officerId = world.Officer.Id;
            officerName = world.Officer.Name;
            // The eight acknowledged changes; the clock may add events of its own afterwards (overdue deadlines).
            stateBefore = await world.CaseAsync(caseId, atVersion: 8);
            using var before = await world.Officer.Http.GetAsync($"/api/v1/cases/{caseId}/events?after=0&max=8");
            eventsBefore = await before.OkJsonAsync();
        }

        await using var second = new CaseGridApiFactory();
        Assert.NotEqual(firstClusterId, second.ClusterId);
        using var officer = await second.ClientForAsync(officerId, officerName);

        using var stateResponse = await officer.GetAsync($"/api/v1/cases/{caseId}?atVersion=8");
        var stateAfter = await stateResponse.OkJsonAsync();
        using var eventsResponse = await officer.GetAsync($"/api/v1/cases/{caseId}/events?after=0&max=8");
        var eventsAfter = await eventsResponse.OkJsonAsync();

        Assert.Equal(
            ["case-opened", "member-added", "consent-recorded", "member-added", "need-identified", "handover-offered", "member-added", "handover-accepted"],
            eventsAfter.EventTypes());
        Assert.Equal(
            ["case-opened", "member-added", "consent-recorded", "member-added", "need-identified", "handover-offered", "member-added", "handover-accepted"],
            eventsBefore.EventTypes());
        Assert.Equal(eventsBefore["events"]!.ToJsonString(), eventsAfter["events"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(stateBefore, stateAfter), $"Before: {stateBefore.ToJsonString()}\nAfter:  {stateAfter.ToJsonString()}");
        Assert.Equal("Accepted", stateAfter.Str($"handovers.{handoverId}.status"));
    }
}
