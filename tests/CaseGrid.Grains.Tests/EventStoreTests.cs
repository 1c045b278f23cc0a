using CaseGrid.Contracts.Cases;
using CaseGrid.Grains.Storage;
using Npgsql;

namespace CaseGrid.Grains.Tests;

/// <summary>The event log's group commit: appends of many cases share commits, and a lost race fails only the loser.</summary>
/// <remarks>Every log written here starts as a real case does, so the daily sweep of other tests can fold it.</remarks>
[Collection(ClusterGroup.Name)]
public sealed class EventStoreTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConcurrentAppends_OfManyCases_AreAllWritten_InTheirOrder_AndShareCommits()
    {
        var source = fixture.DataSource;
        var store = TestDatabase.Log(source);
        var opened = await OpenedAsync();
        var cases = Enumerable.Range(0, 200).Select(_ => NewCaseId()).ToArray();

        // Each case appends three times in a row (as its grain would); all cases at once.
        await Task.WhenAll(cases.Select(async caseId =>
        {
            await store.AppendAsync(caseId, [Opened(opened, caseId), Record(caseId, 2, "b")]);
            await store.AppendAsync(caseId, [Record(caseId, 3, "c")]);
            await store.AppendAsync(caseId, [Record(caseId, 4, "d")]);
        }));

        foreach (var caseId in cases)
        {
            var log = await store.ReadAsync(caseId, 0, 10);
            Assert.Equal([1, 2, 3, 4], log.Select(r => r.Version));
            Assert.Equal(caseId, ((CaseOpened)log[0].Event).CaseId);
            Assert.Equal(["b", "c", "d"], log.Skip(1).Select(r => ((GoalAdded)r.Event).Text));
        }

        await using var cmd = source.CreateCommand("""
            SELECT count(DISTINCT tx),
                   bool_and(in_order)
            FROM (SELECT tx, seq > lag(seq, 1, 0::bigint) OVER (PARTITION BY case_id ORDER BY version) AS in_order
                  FROM case_events WHERE case_id = ANY($1)) e
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>() { TypedValue = cases });
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var commits = reader.GetInt64(0);
        Assert.True(reader.GetBoolean(1), "each case's versions take ascending feed positions");
        Assert.True(commits < cases.Length * 3, $"600 appends in {commits} commits: appends waiting together share a commit");
    }

    [Fact]
    public async Task TwoWritersOfOneVersion_AmongOtherCases_OnlyTheLoserFails_AndOthersAreWritten()
    {
        var store = TestDatabase.Log(fixture.DataSource);
        var opened = await OpenedAsync();
        var contested = NewCaseId();
        var others = Enumerable.Range(0, 100).Select(_ => NewCaseId()).ToArray();
        await store.AppendAsync(contested, [Opened(opened, contested)]);
        await Task.WhenAll(others.Select(c => store.AppendAsync(c, [Opened(opened, c)])));

        var first = store.AppendAsync(contested, [Record(contested, 2, "first")]);
        var second = store.AppendAsync(contested, [Record(contested, 2, "second")]);
        var rest = others.Select(c => store.AppendAsync(c, [Record(c, 2, "other")])).ToArray();
        var outcomes = await Task.WhenAll(new[] { first, second }.Select(Outcome));
        await Task.WhenAll(rest);

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<CaseVersionConflictException>(Assert.Single(outcomes, o => o is not null));
        var winner = outcomes[0] is null ? "first" : "second";
        Assert.Equal(winner, ((GoalAdded)(await store.ReadAsync(contested, 0, 10))[1].Event).Text);
        foreach (var caseId in others)
        {
            Assert.Equal(2, (await store.ReadAsync(caseId, 0, 10)).Count);
        }
    }

    [Fact]
    public async Task Events_AreSealed_UnderTheirCasesKey_AndAfterErasure_NothingOfThemOpens()
    {
        var keys = new PostgresCaseKeyStore(fixture.DataSource, TestDatabase.KeyWrapping);
        var store = new PostgresCaseEventStore(fixture.DataSource, keys, TestDatabase.KeyWrapping);
        var opened = await OpenedAsync();
        var caseId = NewCaseId();
        var text = $"Bolig hos sosteren i Fana {Guid.NewGuid():N}";
        await store.AppendAsync(caseId, [Opened(opened, caseId), Record(caseId, 2, text)]);

        // In the table: no plaintext payload, and the text is nowhere in the sealed bytes.
        await using (var cmd = fixture.DataSource.CreateCommand(
            "SELECT payload IS NULL, sealed, position(convert_to($2, 'UTF8') IN sealed) FROM case_events WHERE case_id = $1 AND version = 2"))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
            await using var row = await cmd.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync());
            Assert.True(row.GetBoolean(0));
            var sealedPayload = row.GetFieldValue<byte[]>(1);
            Assert.Equal(0, row.GetInt32(2));

            // Bound to its case and version: another key, or the same key for another version, does not open it.
            var key = (await keys.FindAsync(caseId)).Key!;
            Assert.Contains(text, System.Text.Encoding.UTF8.GetString(key.Open(2, sealedPayload)));
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => key.Open(3, sealedPayload));
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => CaseDataKey.New(caseId).Open(2, sealedPayload));
        }

        Assert.Equal(text, ((GoalAdded)(await store.ReadAsync(caseId, 0, 10))[1].Event).Text);

        await keys.EraseAsync(caseId, "u-controller", null, Contracts.Privacy.ErasureReason.RegisteredInError);

        Assert.Equal(new CaseKeyLookup(null, true), await keys.FindAsync(caseId));
        await Assert.ThrowsAsync<CaseErasedException>(() => store.ReadAsync(caseId, 0, 10));
        await Assert.ThrowsAsync<CaseErasedException>(() => store.AppendAsync(caseId, [Record(caseId, 3, "after")]));
        await Assert.ThrowsAsync<CaseErasedException>(() => keys.GetOrCreateAsync(caseId));
        await foreach (var listed in store.ListCaseIdsAsync())
        {
            Assert.NotEqual(caseId, listed);
        }

        await using var count = fixture.DataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM case_keys WHERE case_id = $1), (SELECT count(*) FROM case_events WHERE case_id = $1), (SELECT count(*) FROM case_erasures WHERE case_id = $1)");
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
        await using var counts = await count.ExecuteReaderAsync();
        await counts.ReadAsync();
        Assert.Equal((0L, 2L, 1L), (counts.GetInt64(0), counts.GetInt64(1), counts.GetInt64(2)));
    }

    [Fact]
    public async Task AnAppendThatLosesTheRace_WritesNoneOfItsEvents()
    {
        var store = TestDatabase.Log(fixture.DataSource);
        var caseId = NewCaseId();
        await store.AppendAsync(caseId, [Opened(await OpenedAsync(), caseId), Record(caseId, 2, "b")]);

        await Assert.ThrowsAsync<CaseVersionConflictException>(() => store.AppendAsync(caseId, [Record(caseId, 2, "late"), Record(caseId, 3, "late")]));

        Assert.Equal([1, 2], (await store.ReadAsync(caseId, 0, 10)).Select(r => r.Version));
        Assert.Equal("b", ((GoalAdded)(await store.ReadAsync(caseId, 1, 10))[0].Event).Text);
    }

    private static async Task<Exception?> Outcome(Task append)
    {
        try
        {
            await append;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>The first event of a real case, opened through its grain.</summary>
    private async Task<CaseOpened> OpenedAsync()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        return (CaseOpened)(await TestDatabase.Log(fixture.DataSource).ReadAsync(s.CaseId, 0, 1))[0].Event;
    }

    private static CaseEventRecord Opened(CaseOpened template, string caseId) =>
        new(caseId, 1, "u-writer", null, At, template with { CaseId = caseId, GroupId = $"group-{caseId}" });

    private static string NewCaseId() => $"case-store-{Guid.NewGuid():N}";

    private static CaseEventRecord Record(string caseId, long version, string text) =>
        new(caseId, version, "u-writer", null, At, new GoalAdded($"g-{version}", "housing", text));
}
