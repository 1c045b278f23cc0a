using Azure.Data.Tables;
using CaseGrid.Contracts.Cases;
using CaseGrid.Grains.Storage;

namespace CaseGrid.Grains.Tests;

/// <summary>The case event log and key store on Azure tables (Azurite): the same promises as on PostgreSQL.</summary>
[Trait("Store", "Azure")]
public sealed class AzureEventStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnAppendThatLosesTheRace_WritesNoneOfItsEvents()
    {
        var store = TestAzure.Log;
        var caseId = NewCaseId();
        await store.AppendAsync(caseId, [Record(caseId, 1, "a"), Record(caseId, 2, "b")]);

        await Assert.ThrowsAsync<CaseVersionConflictException>(() => store.AppendAsync(caseId, [Record(caseId, 3, "late"), Record(caseId, 2, "late")]));

        Assert.Equal([1, 2], (await store.ReadAsync(caseId, 0, 10)).Select(r => r.Version));
        Assert.Equal("b", ((GoalAdded)(await store.ReadAsync(caseId, 1, 10))[0].Event).Text);
    }

    [Fact]
    public async Task EveryEvent_IsPublishedInTheFeed_AndOneAWriterLeftUnpublished_IsPublishedWhenItsCaseIsNextRead()
    {
        var caseId = NewCaseId();
        await TestAzure.Log.AppendAsync(caseId, [Record(caseId, 1, "a"), Record(caseId, 2, "b")]);
        await TestAzure.Log.AppendAsync(caseId, [Record(caseId, 3, "c")]);
        var feed = await TestAzure.CaseTables.FeedAsync();
        Assert.Equal([1L, 2L, 3L], await PublishedAsync(feed, caseId));

        // The writer of version 3 died between its commit and its feed row: the row is gone, and a position that was
        // held too long was closed by a reader (a tombstone in its place).
        var events = await TestAzure.CaseTables.EventsAsync();
        var position = (await events.GetEntityAsync<TableEntity>(caseId, Storage.Azure.AzureCaseTables.VersionKey(3))).Value.GetInt64("FeedPosition")!.Value;
        await feed.DeleteEntityAsync(Storage.Azure.AzureFeedLog.Partition, Storage.Azure.AzureFeedLog.Key(position));
        Assert.True(await Storage.Azure.AzureFeedLog.TryTombstoneAsync(feed, position, CancellationToken.None));

        // Another silo's store (nothing remembered) reads the case to its end, as its grain does on activation.
        var other = new Storage.Azure.AzureCaseEventStore(TestAzure.CaseTables, TestAzure.Keys);
        Assert.Equal([1L, 2L, 3L], (await other.ReadAsync(caseId, 0, 100)).Select(r => r.Version));

        Assert.Equal([1L, 2L, 3L], await PublishedAsync(feed, caseId));
        var moved = (await events.GetEntityAsync<TableEntity>(caseId, Storage.Azure.AzureCaseTables.VersionKey(3))).Value.GetInt64("FeedPosition")!.Value;
        Assert.True(moved > position, "published again at a new position, after the closed one");
    }

    [Fact]
    public async Task KeysWrappedUnderAnotherMasterKey_AreNamed_SoASiloWithTheWrongKeyRefusesToStart()
    {
        var caseId = NewCaseId();
        await TestAzure.Keys.GetOrCreateAsync(caseId);
        var otherWrapping = new CaseKeyWrapping(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), "another-master-key");
        var withOtherKey = new Storage.Azure.AzureCaseKeyStore(TestAzure.CaseTables, otherWrapping, TimeProvider.System);

        Assert.Null(await TestAzure.Keys.ForeignMasterKeyAsync());
        Assert.Equal(TestDatabase.KeyWrapping.Fingerprint, await withOtherKey.ForeignMasterKeyAsync());
    }

    [Fact]
    public async Task TwoWritersOfOneVersion_OnlyTheLoserFails_AndOthersAreWritten()
    {
        var store = TestAzure.Log;
        var contested = NewCaseId();
        var others = Enumerable.Range(0, 20).Select(_ => NewCaseId()).ToArray();
        await store.AppendAsync(contested, [Record(contested, 1, "a")]);

        var first = Outcome(store.AppendAsync(contested, [Record(contested, 2, "first")]));
        var second = Outcome(store.AppendAsync(contested, [Record(contested, 2, "second")]));
        var rest = others.Select(c => store.AppendAsync(c, [Record(c, 1, "other"), Record(c, 2, "other")])).ToArray();
        var outcomes = await Task.WhenAll(first, second);
        await Task.WhenAll(rest);

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<CaseVersionConflictException>(Assert.Single(outcomes, o => o is not null));
        var winner = outcomes[0] is null ? "first" : "second";
        Assert.Equal(winner, ((GoalAdded)(await store.ReadAsync(contested, 0, 10))[1].Event).Text);
        foreach (var caseId in others)
        {
            Assert.Equal([1, 2], (await store.ReadAsync(caseId, 0, 10)).Select(r => r.Version));
        }
    }

    [Fact]
    public async Task ReadsPageInVersionOrder_PastTheTablesPageSize_AndLargeEventsRoundTrip()
    {
        var store = TestAzure.Log;
        var caseId = NewCaseId();
        var big = new string('x', 200_000);
        for (var v = 1; v <= 1100; v += 100)
        {
            await store.AppendAsync(caseId, [.. Enumerable.Range(v, 100).Select(i => Record(caseId, i, i == 1000 ? big : $"goal {i}"))]);
        }

        var all = await store.ReadAsync(caseId, 0, int.MaxValue);
        Assert.Equal(Enumerable.Range(1, 1100).Select(i => (long)i), all.Select(r => r.Version));
        Assert.Equal(big, ((GoalAdded)all[999].Event).Text);
        Assert.Equal([11L, 12L, 13L], (await store.ReadAsync(caseId, 10, 3)).Select(r => r.Version));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(caseId, [.. Enumerable.Range(1101, 101).Select(i => Record(caseId, i, "too many"))]));
    }

    [Fact]
    public async Task Events_AreSealed_UnderTheirCasesKey_AndAfterErasure_NothingOfThemOpens()
    {
        var store = TestAzure.Log;
        var keys = TestAzure.Keys;
        var caseId = NewCaseId();
        var text = $"Bolig hos sosteren i Fana {Guid.NewGuid():N}";
        await store.AppendAsync(caseId, [Record(caseId, 1, "a"), Record(caseId, 2, text)]);

        // In the table: the type in the clear, the text nowhere; bound to its case and version.
        var events = await TestAzure.CaseTables.EventsAsync();
        var row = (await events.GetEntityAsync<TableEntity>(caseId, "0000000000000000002")).Value;
        Assert.Equal("goal-added", row.GetString("EventType"));
        var sealedPayload = row.GetBinary("Sealed0");
        Assert.DoesNotContain(text, System.Text.Encoding.UTF8.GetString(sealedPayload));
        var key = (await keys.FindAsync(caseId)).Key!;
        Assert.Contains(text, System.Text.Encoding.UTF8.GetString(key.Open(2, sealedPayload)));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => key.Open(3, sealedPayload));
        Assert.Equal(text, ((GoalAdded)(await store.ReadAsync(caseId, 0, 10))[1].Event).Text);
        Assert.Contains(caseId, await ToListAsync(store.ListCaseIdsAsync()));

        // A kept answer to a write to the case (as the API's idempotency store keeps it), and one to another case.
        var answers = await TestAzure.CaseTables.IdempotencyAsync();
        await answers.AddEntityAsync(new TableEntity("u-kari", $"k1-{caseId}") { ["CaseId"] = caseId, ["Body"] = new byte[] { 1 } });
        await answers.AddEntityAsync(new TableEntity("u-kari", $"k2-{caseId}") { ["CaseId"] = "case-other", ["Body"] = new byte[] { 1 } });

        await keys.EraseAsync(caseId, "u-controller", null, Contracts.Privacy.ErasureReason.RegisteredInError);
        await keys.EraseAsync(caseId, "u-controller", null, Contracts.Privacy.ErasureReason.RegisteredInError);

        Assert.False((await answers.GetEntityIfExistsAsync<TableEntity>("u-kari", $"k1-{caseId}")).HasValue);
        Assert.True((await answers.GetEntityIfExistsAsync<TableEntity>("u-kari", $"k2-{caseId}")).HasValue);

        Assert.Equal(new CaseKeyLookup(null, true), await keys.FindAsync(caseId));
        await Assert.ThrowsAsync<CaseErasedException>(() => store.ReadAsync(caseId, 0, 10));
        await Assert.ThrowsAsync<CaseErasedException>(() => store.AppendAsync(caseId, [Record(caseId, 3, "after")]));
        await Assert.ThrowsAsync<CaseErasedException>(() => keys.GetOrCreateAsync(caseId));
        Assert.DoesNotContain(caseId, await ToListAsync(store.ListCaseIdsAsync()));
        var keyRow = (await (await TestAzure.CaseTables.KeysAsync()).GetEntityAsync<TableEntity>(caseId, "key")).Value;
        Assert.False(keyRow.ContainsKey("WrappedKey"));
        Assert.Equal("registered-in-error", keyRow.GetString("Reason"));
    }

    [Fact]
    public async Task KeysMadeAndErasedAtOnce_NeverLeaveAKeyBesideAnErasure()
    {
        var keys = TestAzure.Keys;
        var cases = Enumerable.Range(0, 20).Select(_ => NewCaseId()).ToArray();
        await Task.WhenAll(cases.Select(async caseId =>
        {
            var made = Enumerable.Range(0, 4).Select(_ => Outcome(keys.GetOrCreateAsync(caseId))).ToArray();
            await keys.EraseAsync(caseId, "u-controller", null, Contracts.Privacy.ErasureReason.PersonRequest);
            await Task.WhenAll(made);
        }));

        foreach (var caseId in cases)
        {
            Assert.Equal(new CaseKeyLookup(null, true), await keys.FindAsync(caseId));
            await Assert.ThrowsAsync<CaseErasedException>(() => keys.GetOrCreateAsync(caseId));
        }
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e) when (e is CaseVersionConflictException or CaseErasedException)
        {
            return e;
        }
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> items)
    {
        var list = new List<string>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static string NewCaseId() => $"case-az-{Guid.NewGuid():N}";

    private static CaseEventRecord Record(string caseId, long version, string text) =>
        new(caseId, version, "u-writer", null, At, new GoalAdded($"g-{version}", "housing", text));

    /// <summary>The versions of a case the feed names, in feed order.</summary>
    private static async Task<List<long>> PublishedAsync(TableClient feed, string caseId)
    {
        var versions = new List<long>();
        await foreach (var row in feed.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Storage.Azure.AzureFeedLog.Partition} and CaseId eq {caseId}")))
        {
            versions.Add(row.GetInt64("Version")!.Value);
        }

        return versions;
    }
}
