using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Grains.Tests;

[Collection(ClusterGroup.Name)]
public sealed class GrainRefsTests(ClusterFixture fixture)
{
    [Fact]
    public void CachedReferences_AreTheSameGrains_AsOrleansResolvesThem()
    {
        var grains = fixture.Client;
        foreach (var id in new[] { "case-a", "case-b" })
        {
            Assert.Equal(grains.GetGrain<ICaseGrain>(id), grains.Case(id));
            Assert.Equal(grains.GetGrain<ICaseGrain>(id).GetGrainId(), grains.Case(id).GetGrainId());
            Assert.Equal(grains.GetGrain<IUnitGrain>(id).GetGrainId(), grains.Unit(id).GetGrainId());
        }

        Assert.NotEqual(grains.Case("case-a").GetGrainId(), grains.Case("case-b").GetGrainId());
    }

    [Fact]
    public async Task CachedReferences_ReachTheGrain()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();

        var read = await fixture.Client.Case(s.CaseId).GetAsync(s.Officer, null);

        Assert.Equal(s.CaseId, read.State!.CaseId);
    }
}
