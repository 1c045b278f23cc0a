using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Work;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace CaseGrid.Api.Tests;

/// <summary>What needs me, live: the work list through REST and the real SignalR client, on two API hosts.</summary>
[Collection(TwoHostsGroup.Name)]
public sealed class WorkListLiveTests(TwoHosts hosts)
{
    [Fact]
    public async Task AHandoverOfferedToMyUnit_ArrivesLiveOnAnotherHost_AndGoesWhenAccepted()
    {
        using var world = await TestWorld.CreateAsync(hosts.A);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        await using var ingrid = await LiveClient.ConnectAsync(hosts.ServerB, await hosts.A.TokenAsync(world.Caseworker.Id, world.Caseworker.Name));
        await using var nora = await LiveClient.ConnectAsync(hosts.ServerB, await hosts.A.TokenAsync(world.NavAdvisor.Id, world.NavAdvisor.Name));
        var joined = await ingrid.JoinWorkAsync();
        await nora.JoinWorkAsync();
        Assert.Equal(world.Caseworker.Id, joined.UserId);
        Assert.DoesNotContain(joined.Items, i => i.CaseId == caseId);

        var handoverId = await world.OfferHousingAsync(caseId, world.MunicipalityId);

        await ingrid.WaitForWorkAsync(l => l.Items.Any(i => i.CaseId == caseId && i.Kind == WorkItemKind.HandoverOffered), "the offer in Ingrid's list");
        var item = ingrid.Work!.Items.Single(i => i.CaseId == caseId);
        Assert.Equal(("Ola Nordmann", "housing", "Bolig", handoverId, "handover.answer"), (item.PersonName, item.Subject, item.SubjectTitle, item.RefId, item.Action));
        Assert.Equal((world.MunicipalityId, "Testkommune"), (item.UnitId, item.UnitName));
        Assert.Equal($"{caseId}:handover:{handoverId}", item.ItemId);
        var rest = await WorkAsync(world.Caseworker);
        Assert.Contains(rest["items"]!.AsArray(), i => i!.Str("itemId") == item.ItemId);

        using var accept = await world.Caseworker.Http.PostAsync($"/api/v1/cases/{caseId}/handovers/{handoverId}/accept", null);
        await accept.OkJsonAsync();

        await ingrid.WaitForWorkAsync(l => !l.Items.Any(i => i.ItemId == item.ItemId), "the offer gone from Ingrid's list once accepted");
        Assert.DoesNotContain(nora.Work!.Items, i => i.CaseId == caseId);
        Assert.True(ingrid.Work!.Version > joined.Version);
    }

    [Fact]
    public async Task AWatchedWorkListWhoseGrainIsLost_IsCaughtUpByItsViewer_ThroughHeartbeats()
    {
        using var world = await TestWorld.CreateAsync(hosts.A);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        await using var ingrid = await LiveClient.ConnectAsync(hosts.ServerB, await hosts.A.TokenAsync(world.Caseworker.Id, world.Caseworker.Name));
        var joined = await ingrid.JoinWorkAsync();
        ingrid.FollowWorkHeartbeats();

        // A quiet list is told it is current: a live heartbeat of scope work naming the version it holds.
        await ingrid.WaitAsync(
            () => ingrid.Heartbeats.Any(h => h.Scope == "work" && h.Id == world.Caseworker.Id && h.Live && h.Head == joined.Version), "a live work heartbeat at the joined version");

        // The list's activation, with host B's subscription, goes; an offer to Ingrid's unit changes the list. Host B
        // subscribes again (told as the activation went, or by the heartbeats it misses), and Ingrid, following the
        // heartbeats, holds the list with the offer.
        await hosts.A.Services.GetRequiredService<IGrainFactory>().WorkList(world.Caseworker.Id).Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        var handoverId = await world.OfferHousingAsync(caseId, world.MunicipalityId);
        await ingrid.WaitForWorkAsync(l => l.Items.Any(i => i.RefId == handoverId), "the offer in Ingrid's list after its grain was lost");

        // And the heartbeats name the version she holds.
        var held = ingrid.Work!.Version;
        await ingrid.WaitAsync(() => ingrid.Heartbeats.Any(h => h.Scope == "work" && h.Live && h.Head >= held), $"a live work heartbeat at version {held}");
    }

    [Fact]
    public async Task APartnerSystem_HasNoWorkList()
    {
        using var world = await TestWorld.CreateAsync(hosts.A);
        using var system = await hosts.A.SystemClientAsync($"fagsystem-{world.Suffix}", "Municipality", world.MunicipalityId);
        var token = system.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var client = await LiveClient.ConnectAsync(hosts.ServerA, token);

        var refused = await Assert.ThrowsAsync<HubException>(client.JoinWorkAsync);
        using var rest = await system.GetAsync("/api/v1/me/work");

        Assert.Contains("work.not-user", refused.Message, StringComparison.Ordinal);
        await rest.ProblemAsync(HttpStatusCode.Forbidden, "me.not-user");
    }

    private static async Task<JsonObject> WorkAsync(TestWorld.User user)
    {
        using var response = await user.Http.GetAsync("/api/v1/me/work");
        return await response.OkJsonAsync();
    }
}
