using CaseGrid.Contracts.Sweep;

namespace CaseGrid.Grains.Tests;

/// <summary>
/// The daily sweep evaluates every case in the database, those of other tests too, and may write to them (a case whose
/// deadline passed, an owner who left): it runs alone, after the tests that count a case's events.
/// </summary>
[Collection(EveryCaseGroup.Name)]
public sealed class TimeSweepTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task TheDailySweep_EvaluatesEveryCase()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();

        var sweep = fixture.Client.GetGrain<ITimeSweepGrain>(ITimeSweepGrain.Key);

        var started = await sweep.SweepAsync();
        var finished = await Eventually.ValueAsync(async () => await sweep.GetStatusAsync() is { FinishedAt: not null } done ? done : null, 120_000);

        Assert.True(started.Cases >= 1);
        Assert.Equal(started.Cases, finished.Evaluated + finished.Failed);
        Assert.Equal(0, finished.Failed);
        Assert.Null((await s.Case.GetTimeAsync(s.Officer)).Error);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EveryCaseGroup
{
    public const string Name = "every case";
}
