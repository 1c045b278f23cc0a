using CaseGrid.Contracts.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using static CaseGrid.Api.Tests.PartnerSystems;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Reading the feed wakes no case the partner system may not see: which units a case concerns and whether the person
/// consented to partner systems is kept in an index beside the event log, and the feed asks a case's grain only when
/// the index says the system may read it.
/// </summary>
public sealed class FeedIndexTests
{
    [Fact]
    public async Task TheFeed_NeverActivatesTheGrainOfACaseTheSystemMayNotSee()
    {
        string visible, notInvolved, notConsented, start;
        string navId;
        await using (var writer = new CaseGridApiFactory())
        {
            using var world = await TestWorld.CreateAsync(writer);
            navId = world.NavId;
            using var probe = await writer.SystemClientAsync($"nav-system-{world.Suffix}", "Nav", navId);
            start = await probe.FeedHeadAsync();

            visible = await world.OpenCaseAsync();
            await world.AddMemberAsync(visible, world.NavAdvisor.Id, world.NavAdvisor.Name, "NavAdvisor", "Nav", navId);
            await world.ConsentAsync(visible, "PartnerSystems");

            notInvolved = await world.OpenCaseAsync();
            await world.ConsentAsync(notInvolved, "PartnerSystems");

            notConsented = await world.OpenCaseAsync();
            await world.AddMemberAsync(notConsented, world.NavAdvisor.Id, world.NavAdvisor.Name, "NavAdvisor", "Nav", navId);
        }

        // A host of a fresh cluster: no case grain is active in it until something asks for one.
        await using var reader = new CaseGridApiFactory();
        using var system = await reader.SystemClientAsync($"nav-system-{Guid.NewGuid():N}"[..24], "Nav", navId);

        var (events, _) = await system.FeedToEndAsync(start, max: 500);

        Assert.Contains(events, e => e.CaseId == visible);
        Assert.DoesNotContain(events, e => e.CaseId == notInvolved || e.CaseId == notConsented);
        var grains = reader.Services.GetRequiredService<IGrainFactory>();
        var type = ((GrainReference)(object)grains.Case("-")).GrainId.Type;
        var active = (await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(type)).Select(g => g.Key.ToString()).ToHashSet();
        Assert.Contains(visible, active);
        Assert.DoesNotContain(notInvolved, active);
        Assert.DoesNotContain(notConsented, active);
    }
}
