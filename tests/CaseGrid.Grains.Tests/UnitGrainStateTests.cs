using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Units;
using CaseGrid.Grains.Units;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CaseGrid.Grains.Tests;

/// <summary>A unit's versions per case: one entry per case, and state stored in the form before read into it.</summary>
public sealed class UnitGrainStateTests
{
    private static readonly Serializer<UnitGrainState> Serializer =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<UnitGrainState>>();

    [Fact]
    public void StateStoredWithThreeVersionDictionaries_ReadsBackIntoOneEntryPerCase_AndIsStoredSo()
    {
        var old = new UnitGrainState { Name = "Bergen fengsel" };
        old.OldSeenVersions["case-a"] = 7;
        old.OldWorkVersions["case-a"] = 6;
        old.OldHoldingVersions["case-a"] = 5;
        old.OldWorkVersions["case-b"] = long.MaxValue;

        var read = Serializer.Deserialize(Serializer.SerializeToArray(old))!;
        read.MoveOldVersions();

        Assert.Equal((7L, 6L, 5L), Tuple(read.Versions["case-a"]));
        Assert.Equal((0L, long.MaxValue, 0L), Tuple(read.Versions["case-b"]));
        Assert.Empty(read.OldSeenVersions);
        Assert.Empty(read.OldWorkVersions);
        Assert.Empty(read.OldHoldingVersions);

        var again = Serializer.Deserialize(Serializer.SerializeToArray(read))!;
        again.MoveOldVersions();
        Assert.Equal(read.Versions.Select(v => (v.Key, Tuple(v.Value))), again.Versions.Select(v => (v.Key, Tuple(v.Value))));
    }

    [Fact]
    public void ACasesLine_IsTakenOnlyWhenNewer_OrChanged_WhateverItsWorkAndHoldingsSay()
    {
        var state = new UnitGrainState { Name = "Bergen fengsel" };
        state.VersionsOf("case-a").Work = 9;
        var line = new UnitCaseUpdate("case-a", 3, null);

        Assert.True(state.Take(line));
        Assert.False(state.Take(line));
        Assert.False(state.Take(line with { CaseVersion = 2 }));
        Assert.True(state.Take(line with { CaseVersion = 4 }));
        Assert.Equal((4L, 9L, 0L), Tuple(state.Versions["case-a"]));
    }

    private static (long Line, long Work, long Holdings) Tuple(CaseVersions v) => (v.Line, v.Work, v.Holdings);
}
