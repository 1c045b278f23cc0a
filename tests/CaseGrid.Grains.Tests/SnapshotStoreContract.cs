using System.Text;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Grains.Storage;

namespace CaseGrid.Grains.Tests;

/// <summary>What every case snapshot store promises, on its own storage.</summary>
public abstract class SnapshotStoreContract
{
    private const int Fold = 7;
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    protected abstract Task<(ICaseSnapshotStore Snapshots, ICaseEventStore Log, ICaseKeyStore Keys)> StoresAsync();

    [Fact]
    public async Task ASnapshot_ReadsBack_WithTheEventsFromItsVersion_OrFromTheFirstForAnotherFold()
    {
        var (snapshots, log, keys) = await StoresAsync();
        var caseId = NewCaseId();
        var key = await keys.GetOrCreateAsync(caseId);
        await log.AppendAsync(caseId, [.. Enumerable.Range(2, 5).Select(v => Record(caseId, v))], key);
        await snapshots.WriteAsync(caseId, Sealed(key, 4, "fire"));

        var opening = await snapshots.OpenAsync(caseId, Fold, 10);
        Assert.False(opening.Key.Erased);
        Assert.Equal(4, opening.Snapshot!.Version);
        Assert.Equal("fire", Open(key, opening.Snapshot));
        Assert.Equal(4, opening.EventsFrom);
        Assert.Equal([4L, 5L, 6L], opening.Events.Select(e => e.Version));
        Assert.Equal("goal 5", ((GoalAdded)opening.Events[1].Event).Text);

        var otherFold = await snapshots.OpenAsync(caseId, Fold + 1, 2);
        Assert.Equal(Fold, otherFold.Snapshot!.FoldVersion);
        Assert.Equal(1, otherFold.EventsFrom);
        Assert.Equal([2L, 3L], otherFold.Events.Select(e => e.Version));

        var none = await snapshots.OpenAsync(NewCaseId(), Fold, 10);
        Assert.Null(none.Snapshot);
        Assert.Null(none.Key.Key);
        Assert.Empty(none.Events);
    }

    [Fact]
    public async Task ASnapshot_IsStoredOnlyForward_UnlessOfAnotherFold_OrToReplaceOneThatCouldNotBeUsed()
    {
        var (snapshots, _, keys) = await StoresAsync();
        var caseId = NewCaseId();
        var key = await keys.GetOrCreateAsync(caseId);
        await snapshots.WriteAsync(caseId, Sealed(key, 40, "førti"));

        await snapshots.WriteAsync(caseId, Sealed(key, 30, "tretti"));
        Assert.Equal(40, (await snapshots.OpenAsync(caseId, Fold, 1)).Snapshot!.Version);
        await snapshots.WriteAsync(caseId, Sealed(key, 40, "førti igjen"));
        Assert.Equal("førti", Open(key, (await snapshots.OpenAsync(caseId, Fold, 1)).Snapshot!));

        await snapshots.WriteAsync(caseId, Sealed(key, 20, "tjue", Fold + 1));
        Assert.Equal((20L, Fold + 1), Stored((await snapshots.OpenAsync(caseId, Fold, 1)).Snapshot!));

        await snapshots.WriteAsync(caseId, Sealed(key, 10, "ti"), replace: true);
        Assert.Equal((10L, Fold), Stored((await snapshots.OpenAsync(caseId, Fold, 1)).Snapshot!));
    }

    [Fact]
    public async Task ErasingTheCase_DeletesItsSnapshot_AndNoneIsStoredAfter()
    {
        var (snapshots, log, keys) = await StoresAsync();
        var caseId = NewCaseId();
        var key = await keys.GetOrCreateAsync(caseId);
        await log.AppendAsync(caseId, [Record(caseId, 2)], key);
        await snapshots.WriteAsync(caseId, Sealed(key, 2, "to"));
        Assert.NotNull((await snapshots.OpenAsync(caseId, Fold, 1)).Snapshot);

        await keys.EraseAsync(caseId, "u-controller", null, ErasureReason.PersonRequest);
        await snapshots.WriteAsync(caseId, Sealed(key, 3, "tre"), replace: true);

        var opening = await snapshots.OpenAsync(caseId, Fold, 10);
        Assert.True(opening.Key.Erased);
        Assert.Null(opening.Snapshot);
        Assert.Empty(opening.Events);
        Assert.Null((await snapshots.OpenAsync(caseId, Fold + 1, 10)).Snapshot);

        // A case that never had a key gets no snapshot either.
        var keyless = NewCaseId();
        await snapshots.WriteAsync(keyless, Sealed(CaseDataKey.New(keyless), 1, "ingen nøkkel"));
        Assert.Null((await snapshots.OpenAsync(keyless, Fold, 1)).Snapshot);
    }

    private static string NewCaseId() => $"case-snap-{Guid.NewGuid():N}";

    // Logs without an opening (from version 2), which no case grain or sweep takes for a case.
    private static CaseEventRecord Record(string caseId, long version) =>
        new(caseId, version, "u-writer", null, At, new GoalAdded($"g-{version}", "housing", $"goal {version}"));

    private static SealedSnapshot Sealed(CaseDataKey key, long version, string text, int fold = Fold) =>
        new(version, fold, key.SealSnapshot(version, fold, Encoding.UTF8.GetBytes(text)));

    private static string Open(CaseDataKey key, SealedSnapshot snapshot) =>
        Encoding.UTF8.GetString(key.OpenSnapshot(snapshot.Version, snapshot.FoldVersion, snapshot.Sealed));

    private static (long, int) Stored(SealedSnapshot snapshot) => (snapshot.Version, snapshot.FoldVersion);
}
