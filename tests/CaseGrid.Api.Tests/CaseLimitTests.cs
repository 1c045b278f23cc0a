using System.Net;
using System.Net.Http.Json;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace CaseGrid.Api.Tests;

/// <summary>
/// One member cannot grow a case without end: past a cap (configurable, generous by default) a change is refused with
/// 422 <c>case.limit</c>. And hub calls that name a case touch its grain only for a case the connection has joined.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class CaseLimitTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task PastTheCap_AGoalIsRefused_WithAProblem_AndNothingIsWritten()
    {
        await using var host = new CaseGridApiFactory();
        host.Settings["CaseGrid:Limits:Goals"] = "2";
        using var world = await TestWorld.CreateAsync(host);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        for (var i = 0; i < 2; i++)
        {
            using var added = await world.Colleague.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { code = "housing", text = $"Mål {i}" });
            await added.OkJsonAsync();
        }

        var before = await world.EventCountAsync(caseId);
        using var refused = await world.Colleague.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { code = "housing", text = "Ett til" });

        var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity, "case.limit");
        Assert.Contains("2 goals", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await world.EventCountAsync(caseId));
    }

    public static TheoryData<string> CaseIds => new() { "case-never-joined", "../../etc/passwd", "" };

    [Theory]
    [MemberData(nameof(CaseIds))]
    public async Task HubCallsNamingACase_TouchNoGrain_OfACaseTheConnectionHasNotJoined(string name)
    {
        var caseId = name == "case-never-joined" ? Api.NewId("case") : name;
        var token = await factory.TokenAsync(Api.NewId("u-mallory"), "Mallory");
        await using var live = await LiveClient.ConnectAsync(factory.Server, token);

        var presence = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync("UpdatePresence", caseId, PresenceMode.Viewing, (string?)null));
        var locked = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync<FieldLockResult>("LockField", caseId, "need:housing:assessment"));
        var released = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync("ReleaseField", caseId, "need:housing:assessment"));
        await live.Connection.InvokeAsync("LeaveCase", caseId);

        Assert.All(new[] { presence, locked, released }, e => Assert.Contains("case.not-joined", e.Message, StringComparison.Ordinal));
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var type = ((GrainReference)(object)grains.Case("-")).GrainId.Type;
        var active = await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(type);
        Assert.DoesNotContain(active, g => g.Key.ToString() == caseId);
    }
}
