using CaseGrid.Api.Partners;
using CaseGrid.Api.Storage;
using CaseGrid.Grains.Storage.Azure;

namespace CaseGrid.Api.Tests;

/// <summary>
/// The feed's order on Azure Storage (Azurite), written as the silos' event store writes it and read as the API reads it:
/// a reader holds back at a position reserved but not yet published, closes one held too long, and a writer that finds
/// its position closed publishes its event later — never behind a reader.
/// </summary>
[Trait("Store", "Azure")]
public sealed class AzureFeedStoreTests
{
    private readonly AzureStorageClients _clients = new(new AzureStorageOptions
    {
        ConnectionString = Environment.GetEnvironmentVariable("CASEGRID_TEST_AZURE_CONNECTION"),
        Prefix = $"f{Guid.NewGuid():N}"[..12],
    });

    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task AReaderHoldsBack_AtAPositionReservedButNotPublished_AndResumesOnceItIs()
    {
        var (log, store) = Open();
        var first = await log.ReserveAsync(2);
        var later = await log.ReserveAsync(1);
        await log.PublishAsync("case-b", [(1, later)], NoMove);

        Assert.Empty(await store.ReadAsync(FeedPosition.Start, 10, null, CancellationToken.None));
        Assert.Equal(FeedPosition.Start, await store.HeadAsync(CancellationToken.None));

        await log.PublishAsync("case-a", [(1, first), (2, first + 1)], NoMove);

        var all = await store.ReadAsync(FeedPosition.Start, 10, null, CancellationToken.None);
        Assert.Equal([("case-a", 1L), ("case-a", 2L), ("case-b", 1L)], all.Select(e => (e.CaseId, e.Version)));
        Assert.Equal([first, first + 1, later], all.Select(e => e.Position.Seq));
        Assert.Equal(all[^1].Position, await store.HeadAsync(CancellationToken.None));
        Assert.Equal([("case-b", 1L)], (await store.ReadAsync(all[1].Position, 10, null, CancellationToken.None)).Select(e => (e.CaseId, e.Version)));
    }

    [Fact]
    public async Task APositionHeldTooLong_IsClosed_AndItsWriterPublishesLater_AfterEverythingAReaderPassed()
    {
        var (log, store) = Open();
        var slow = await log.ReserveAsync(1);
        var quick = await log.ReserveAsync(1);
        await log.PublishAsync("case-quick", [(1, quick)], NoMove);
        Assert.Empty(await store.ReadAsync(FeedPosition.Start, 10, null, CancellationToken.None));

        // Long after the row behind it was written, the reader closes the held position and passes it.
        _now += AzureFeedStore.AbandonedAfter + TimeSpan.FromSeconds(1);
        var passed = await store.ReadAsync(FeedPosition.Start, 10, null, CancellationToken.None);
        Assert.Equal([("", false), ("case-quick", true)], passed.Select(e => (e.CaseId, e.MayRead)));

        // The slow writer finds its position closed: its event moves to a new position, after the reader's.
        var moves = new List<(long Version, long From, long To)>();
        await log.PublishAsync("case-slow", [(7, slow)], (version, from, to, _) =>
        {
            moves.Add((version, from, to));
            return Task.FromResult(true);
        });

        var (_, movedFrom, movedTo) = Assert.Single(moves);
        Assert.Equal(slow, movedFrom);
        Assert.True(movedTo > quick);
        var after = await store.ReadAsync(passed[^1].Position, 10, null, CancellationToken.None);
        Assert.Equal([("case-slow", 7L, movedTo)], after.Select(e => (e.CaseId, e.Version, e.Position.Seq)));
    }

    [Fact]
    public async Task RacingAppends_TakeDistinctPositions_WithoutGaps()
    {
        var (log, _) = Open();

        var firsts = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => log.ReserveAsync(3)));

        Assert.Equal(Enumerable.Range(0, 12).Select(i => 1L + (3 * i)), firsts.Order());
    }

    private (AzureFeedLog Log, AzureFeedStore Store) Open() =>
        (new AzureFeedLog(new AzureCaseTables(_clients.Tables, _clients.Prefix)), new AzureFeedStore(_clients, () => _now));

    private static Task<bool> NoMove(long version, long from, long to, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"Version {version} was moved from {from} to {to}, though nothing closed its position.");
}
