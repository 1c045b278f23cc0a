using System.Net.Http.Json;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using CaseGrid.Contracts.Common;
using Microsoft.Extensions.DependencyInjection;

namespace CaseGrid.Api.Tests;

/// <summary>Live collaboration through the real SignalR client, with members on two different API hosts.</summary>
[Collection(TwoHostsGroup.Name)]
public sealed class RealtimeTests(TwoHosts hosts)
{
    [Fact]
    public async Task MembersOnDifferentHosts_SeeEachOthersEdits_InOrder()
    {
        var (world, caseId) = await CaseWithCaseworkerAsync();
        await using var kari = await ConnectAsync(hosts.ServerA, world.Officer);
        await using var ingrid = await ConnectAsync(hosts.ServerB, world.Caseworker);
        var start = (await kari.JoinCaseAsync(caseId)).CurrentVersion;
        await ingrid.JoinCaseAsync(caseId);

        // Kari edits over REST on host A, Ingrid over the hub on host B, interleaved.
        var acked = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            using var rest = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { code = "housing", text = $"Kari {i}" });
            acked.Add((await rest.OkJsonAsync()).Number("version"));
            var hub = await ingrid.ExecuteAsync(caseId, new AddGoal("housing", $"Ingrid {i}"));
            Assert.Null(hub.Error);
            acked.Add(hub.Version);
        }

        await kari.WaitForVersionAsync(caseId, acked.Max());
        await ingrid.WaitForVersionAsync(caseId, acked.Max());
        var seenByKari = kari.EventsOf(caseId).Where(e => e.Version <= acked.Max()).Select(e => (e.Version, ((GoalAdded?)(e.Event as GoalAdded))?.Text));
        var seenByIngrid = ingrid.EventsOf(caseId).Where(e => e.Version <= acked.Max()).Select(e => (e.Version, ((GoalAdded?)(e.Event as GoalAdded))?.Text));
        Assert.Equal(seenByKari, seenByIngrid);
        Assert.Equal(Enumerable.Range(1, (int)acked.Max()).Select(v => (long)v), kari.EventsOf(caseId).Where(e => e.Version <= acked.Max()).Select(e => e.Version));
        Assert.All(acked, v => Assert.IsType<GoalAdded>(ingrid.EventsOf(caseId).Single(e => e.Version == v).Event));
        // Each version pushed once (a loaded host may deliver one push a moment before the one sent ahead of it; the
        // client's buffer puts them in order, as the assertions above show).
        var pushedToIngrid = ingrid.Arrivals.Where(a => a.Version > start).Select(a => a.Version).ToList();
        Assert.Equal(pushedToIngrid.Distinct().Count(), pushedToIngrid.Count);
    }

    [Fact]
    public async Task NonMember_IsRefused_WhenJoining()
    {
        var (world, caseId) = await CaseWithCaseworkerAsync();
        await using var outsider = await ConnectAsync(hosts.ServerB, world.Outsider);

        var refusal = await Assert.ThrowsAsync<HubException>(() => outsider.JoinCaseAsync(caseId));

        Assert.Contains("case.not-member", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(outsider.EventsOf(caseId));
    }

    [Fact]
    public async Task RemovedMember_StopsReceiving_AtOnce()
    {
        var (world, caseId) = await CaseWithCaseworkerAsync();
        await using var ingrid = await ConnectAsync(hosts.ServerB, world.Caseworker);
        await using var kari = await ConnectAsync(hosts.ServerB, world.Officer);
        await ingrid.JoinCaseAsync(caseId);
        await kari.JoinCaseAsync(caseId);

        var ended = await kari.ExecuteAsync(caseId, new EndMembership(world.Caseworker.Id, null));
        await ingrid.WaitAsync(() => !ingrid.AccessEnded.IsEmpty, "the end of access");
        var after = await kari.ExecuteAsync(caseId, new AddGoal("housing", "Etter at Ingrid gikk ut"));
        await kari.WaitForVersionAsync(caseId, after.Version);

        Assert.Null(ended.Error);
        Assert.Contains($"case:{caseId}:membership-ended", ingrid.AccessEnded);
        Assert.True(ingrid.VersionOf(caseId) < after.Version);
        var rejoin = await Assert.ThrowsAsync<HubException>(() => ingrid.JoinCaseAsync(caseId));
        Assert.Contains("case.not-member", rejoin.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientThatWasAway_CatchesUpExactly_OnANewConnection()
    {
        var (world, caseId) = await CaseWithCaseworkerAsync();
        long seen;
        await using (var first = await ConnectAsync(hosts.ServerB, world.Caseworker))
        {
            seen = (await first.JoinCaseAsync(caseId)).CurrentVersion;
        }

        for (var i = 0; i < 5; i++)
        {
            using var rest = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { code = "housing", text = $"Mens Ingrid var borte {i}" });
            rest.EnsureSuccessStatusCode();
        }

        await using var again = await ConnectAsync(hosts.ServerB, world.Caseworker);
        var joined = await again.JoinCaseAsync(caseId, seen);
        using var live = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { code = "housing", text = "Live igjen" });
        var liveVersion = (await live.OkJsonAsync()).Number("version");
        await again.WaitForVersionAsync(caseId, liveVersion);

        // Exactly what was missed (the clock may have added events of its own meanwhile), then the live edit, with no gap.
        Assert.Equal(Enumerable.Range(1, (int)(joined.CurrentVersion - seen)).Select(i => seen + i), joined.Events.Select(e => e.Version));
        Assert.Equal(5, joined.Events.Count(e => e.Event is GoalAdded g && g.Text.StartsWith("Mens Ingrid var borte", StringComparison.Ordinal)));
        Assert.True(joined.Complete);
        var held = again.EventsOf(caseId).Where(e => e.Version <= liveVersion).Select(e => e.Version).ToList();
        Assert.Equal(Enumerable.Range(1, (int)(liveVersion - seen)).Select(i => seen + i), held);
    }

    [Fact]
    public async Task ConcurrentEditsOfOneItem_HaveOneWinner_AClearRejection_AndTheSameStateEverywhere()
    {
        var (world, caseId) = await CaseWithCaseworkerAsync();
        await using var kari = await ConnectAsync(hosts.ServerA, world.Officer);
        await using var ingrid = await ConnectAsync(hosts.ServerB, world.Caseworker);
        await kari.JoinCaseAsync(caseId);
        await ingrid.JoinCaseAsync(caseId);
        var added = await kari.ExecuteAsync(caseId, new AddGoal("housing", "Bolig"));
        var goal = (GoalAdded)added.Events.Single().Event;

        var outcomes = await Task.WhenAll(
            kari.ExecuteAsync(caseId, new UpdateGoal(goal.GoalId, added.Version, "Bolig i Bergen", false)),
            ingrid.ExecuteAsync(caseId, new UpdateGoal(goal.GoalId, added.Version, "Bolig nær datteren", false)));
        var winner = Assert.Single(outcomes, o => o.Error is null);
        var loser = Assert.Single(outcomes, o => o.Error is not null);
        await kari.WaitForVersionAsync(caseId, winner.Version);
        await ingrid.WaitForVersionAsync(caseId, winner.Version);

        Assert.Equal("version.stale", loser.Error!.Code);
        Assert.Equal(winner.Version, loser.Error.CurrentVersion);
        var winningText = ((GoalUpdated)winner.Events.Single().Event).Text;
        Assert.Equal(winningText, LatestGoalText(kari, caseId, goal.GoalId));
        Assert.Equal(winningText, LatestGoalText(ingrid, caseId, goal.GoalId));
    }

    [Fact]
    public async Task FreeTextField_IsEditedByOnePersonAtATime_AndPresenceShowsIt()
    {
        var (world, caseId) = await CaseWithCaseworkerAsync();
        await using var kari = await ConnectAsync(hosts.ServerA, world.Officer);
        await using var ingrid = await ConnectAsync(hosts.ServerB, world.Caseworker);
        await kari.JoinCaseAsync(caseId);
        await ingrid.JoinCaseAsync(caseId);
        const string field = "need:housing:assessment";

        var kariLock = await kari.Connection.InvokeAsync<FieldLockResult>("LockField", caseId, field);
        await kari.Connection.InvokeAsync("UpdatePresence", caseId, PresenceMode.InRoom, field);
        var ingridLock = await ingrid.Connection.InvokeAsync<FieldLockResult>("LockField", caseId, field);
        await ingrid.Connection.InvokeAsync("UpdatePresence", caseId, PresenceMode.Remote, (string?)null);
        await kari.WaitAsync(() => kari.LastPresence?.Entries.Any(e => e.UserId == world.Caseworker.Id && e.Mode == PresenceMode.Remote) == true, "Ingrid's presence");
        await ingrid.WaitAsync(() => ingrid.LastPresence?.Locks.Any(l => l.Field == field && l.UserId == world.Officer.Id) == true, "Kari's lock");
        var housing = await world.CaseAsync(caseId);
        var version = housing.Number("needAreas.housing.version");
        var blocked = await ingrid.ExecuteAsync(caseId, new UpdateNeedArea("housing", version, null, "Ingrids vurdering", NeedStatus.NeedIdentified));
        var allowed = await kari.ExecuteAsync(caseId, new UpdateNeedArea("housing", version, null, "Karis vurdering", NeedStatus.NeedIdentified));
        await kari.Connection.InvokeAsync("ReleaseField", caseId, field);
        await ingrid.WaitAsync(() => ingrid.LastPresence?.Locks.IsEmpty == true, "the lock's release");

        Assert.True(kariLock.Granted);
        Assert.False(ingridLock.Granted);
        Assert.Equal(world.Officer.Id, ingridLock.Lock!.UserId);
        Assert.Equal("field.locked", blocked.Error?.Code);
        Assert.Null(allowed.Error);
    }

    [Fact]
    public async Task Presence_EndsWhenTheConnectionCloses()
    {
        var (world, caseId) = await CaseWithCaseworkerAsync();
        await using var kari = await ConnectAsync(hosts.ServerA, world.Officer);
        await kari.JoinCaseAsync(caseId);
        var ingrid = await ConnectAsync(hosts.ServerB, world.Caseworker);
        await ingrid.JoinCaseAsync(caseId);
        await ingrid.Connection.InvokeAsync("UpdatePresence", caseId, PresenceMode.Viewing, (string?)null);
        await kari.WaitAsync(() => kari.LastPresence?.Entries.Any(e => e.UserId == world.Caseworker.Id) == true, "Ingrid arriving");

        await ingrid.DisposeAsync();

        await kari.WaitAsync(() => kari.LastPresence?.Entries.All(e => e.UserId != world.Caseworker.Id) == true, "Ingrid leaving");
    }

    [Fact]
    public async Task Board_IsLiveForTheUnitsStaff_AndClosedToOthers()
    {
        var (world, caseId) = await CaseWithCaseworkerAsync();
        await using var ingrid = await ConnectAsync(hosts.ServerB, world.Caseworker);
        await using var nora = await ConnectAsync(hosts.ServerB, world.NavAdvisor);
        var board = await ingrid.Connection.InvokeAsync<BoardJoinedDto>("JoinBoard", world.MunicipalityId);

        var refused = await Assert.ThrowsAsync<HubException>(() => nora.Connection.InvokeAsync<BoardJoinedDto>("JoinBoard", world.MunicipalityId));
        using var offer = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/handovers", new
        {
            subject = "housing", toUnitId = world.MunicipalityId, plannedDate = Api.Today.AddDays(14).Iso(),
        });
        offer.EnsureSuccessStatusCode();
        await ingrid.WaitAsync(() => ingrid.BoardUpdates.Any(u => u.CaseId == caseId && u.Entry?.HandoversAwaitingUnit == 1), "the offer on the board");

        Assert.Equal(world.MunicipalityId, board.UnitId);
        Assert.Contains("unit.not-staff", refused.Message, StringComparison.Ordinal);
        Assert.Empty(nora.BoardUpdates);
    }

    [Fact]
    public async Task Execute_WithACommandId_SentAgain_IsAppliedOnce_AndGetsItsFirstAnswer_OverTheHubAndOverRest()
    {
        var (world, caseId) = await CaseWithCaseworkerAsync();
        await using var ingrid = await ConnectAsync(hosts.ServerB, world.Caseworker);
        await using var other = await ConnectAsync(hosts.ServerA, world.Caseworker);
        var before = await world.EventCountAsync(caseId);
        var id = Guid.NewGuid().ToString("N");

        var first = await ingrid.ExecuteAsync(caseId, new AddGoal("housing", "Bolig før jul"), id);
        var again = await other.ExecuteAsync(caseId, new AddGoal("housing", "Bolig før jul"), id);
        var reused = await ingrid.ExecuteAsync(caseId, new AddGoal("housing", "Noe annet"), id);
        using var rest = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/goals") { Content = JsonContent.Create(new { code = "housing", text = "Bolig før jul" }) };
        rest.Headers.Add("Idempotency-Key", id);
        using var restAnswer = await world.Caseworker.Http.SendAsync(rest);
        using var restOther = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/goals") { Content = JsonContent.Create(new { code = "housing", text = "Noe tredje" }) };
        restOther.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var otherKey = restOther.Headers.GetValues("Idempotency-Key").Single();
        using var restOtherAnswer = await world.Caseworker.Http.SendAsync(restOther);
        var reusedOverHub = await ingrid.ExecuteAsync(caseId, new AddGoal("housing", "Bolig før jul"), otherKey);

        Assert.Null(first.Error);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Events.Select(e => e.Version), again.Events.Select(e => e.Version));
        Assert.Equal("idempotency.key-reused", reused.Error?.Code);
        Assert.True(restAnswer.IsSuccessStatusCode, $"the same command under the same id over REST: {(int)restAnswer.StatusCode}");
        Assert.True(restOtherAnswer.IsSuccessStatusCode);
        Assert.Equal("idempotency.key-reused", reusedOverHub.Error?.Code);
        Assert.Equal(before + 2, await world.EventCountAsync(caseId));
    }

    [Fact]
    public async Task Execute_Refusals_AndHubFailures_CarryACode()
    {
        var (world, caseId) = await CaseWithCaseworkerAsync();
        await using var ingrid = await ConnectAsync(hosts.ServerB, world.Caseworker);

        var invalid = await Assert.ThrowsAsync<HubException>(() => ingrid.Connection.InvokeAsync<Realtime.CommandOutcome>(
            "Execute", caseId, "NoSuchCommand", System.Text.Json.JsonSerializer.SerializeToElement(new { }), (string?)null));
        var longId = await Assert.ThrowsAsync<HubException>(() => ingrid.ExecuteAsync(caseId, new AddGoal("housing", "x"), new string('k', 201)));

        Assert.StartsWith("command.invalid: ", invalid.Message.Split("HubException: ")[^1], StringComparison.Ordinal);
        Assert.StartsWith("command.id-invalid: ", longId.Message.Split("HubException: ")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWatchedCaseWhoseGrainIsLost_IsCaughtUpByItsViewers_AndItsPushesResume()
    {
        var (world, caseId) = await CaseWithCaseworkerAsync();
        await using var ingrid = await ConnectAsync(hosts.ServerB, world.Caseworker);
        var joined = await ingrid.JoinCaseAsync(caseId);
        ingrid.FollowCatchUpRule(TimeSpan.FromSeconds(10));

        // A quiet view is told it is current: a live heartbeat naming the version it holds.
        await ingrid.WaitAsync(() => ingrid.Heartbeats.Any(h => h.Id == caseId && h.Live && h.Head == joined.CurrentVersion), "a live heartbeat at the joined version");

        // The case's activation, with host B's subscription, goes; an edit activates it again without B, so its push
        // is lost and no later push shows the gap. The heartbeats do: B finds the case lost, reads its head and
        // subscribes again, and Ingrid — following the catch-up rule, whose gap wait is far off — catches up.
        await hosts.A.Services.GetRequiredService<IGrainFactory>().Case(caseId).Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        using var lost = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { code = "housing", text = "Mens ingen så på" });
        var lostVersion = (await lost.OkJsonAsync()).Number("version");
        await ingrid.WaitAsync(() => ingrid.AppliedVersionOf(caseId) >= lostVersion, $"version {lostVersion}");

        // And the pushes flow again.
        using var next = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { code = "housing", text = "Etter tapet" });
        var version = (await next.OkJsonAsync()).Number("version");
        await ingrid.WaitForVersionAsync(caseId, version);
        Assert.Equal(version, ingrid.AppliedVersionOf(caseId));
    }

    private static string? LatestGoalText(LiveClient client, string caseId, string goalId) =>
        client.EventsOf(caseId).Select(e => e.Event switch
        {
            GoalAdded a when a.GoalId == goalId => a.Text,
            GoalUpdated u when u.GoalId == goalId => u.Text,
            _ => null,
        }).LastOrDefault(t => t is not null);

    private async Task<(TestWorld World, string CaseId)> CaseWithCaseworkerAsync()
    {
        var world = await TestWorld.CreateAsync(hosts.A);
        var caseId = await world.OpenCaseAsync();
        await world.AddMemberAsync(caseId, world.Caseworker.Id, world.Caseworker.Name, "MunicipalCaseworker", "Municipality", world.MunicipalityId);
        using var identify = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/needs/housing/identify", new { ownerId = world.Officer.Id });
        identify.EnsureSuccessStatusCode();
        return (world, caseId);
    }

    private async Task<LiveClient> ConnectAsync(Microsoft.AspNetCore.TestHost.TestServer server, TestWorld.User user) =>
        await LiveClient.ConnectAsync(server, await hosts.A.TokenAsync(user.Id, user.Name));

    /// <summary>The board as the client reads it.</summary>
    public sealed record BoardJoinedDto(string UnitId, System.Collections.Immutable.ImmutableArray<Contracts.Units.UnitCaseEntry> Cases);
}
