using CaseGrid.Contracts.Cases;
using CaseGrid.Grains.Storage;
using Npgsql;

namespace CaseGrid.Grains.Tests;

/// <summary>The event log's group commit: appends of many cases share commits, and a lost race fails only the loser.</summary>
public sealed class EventStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConcurrentAppends_OfManyCases_AreAllWritten_InTheirOrder_AndShareCommits()
    {
        var source = await TestDatabase.GetAsync();
        var store = new PostgresCaseEventStore(source);
        var cases = Enumerable.Range(0, 200).Select(_ => NewCaseId()).ToArray();

        // Each case appends three times in a row (as its grain would); all cases at once.
        await Task.WhenAll(cases.Select(async caseId =>
        {
            await store.AppendAsync(caseId, [Record(caseId, 1, "a"), Record(caseId, 2, "b")]);
            await store.AppendAsync(caseId, [Record(caseId, 3, "c")]);
            await store.AppendAsync(caseId, [Record(caseId, 4, "d")]);
        }));

        foreach (var caseId in cases)
        {
            var log = await store.ReadAsync(caseId, 0, 10);
            Assert.Equal([1, 2, 3, 4], log.Select(r => r.Version));
            Assert.Equal(["a", "b", "c", "d"], log.Select(r => ((GoalAdded)r.Event).Text));
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
        var store = new PostgresCaseEventStore(await TestDatabase.GetAsync());
        var contested = NewCaseId();
        var others = Enumerable.Range(0, 100).Select(_ => NewCaseId()).ToArray();

        var first = store.AppendAsync(contested, [Record(contested, 1, "first")]);
        var second = store.AppendAsync(contested, [Record(contested, 1, "second")]);
        var rest = others.Select(c => store.AppendAsync(c, [Record(c, 1, "other")])).ToArray();
        var outcomes = await Task.WhenAll(new[] { first, second }.Select(Outcome));
        await Task.WhenAll(rest);

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<CaseVersionConflictException>(Assert.Single(outcomes, o => o is not null));
        var winner = outcomes[0] is null ? "first" : "second";
        Assert.Equal(winner, ((GoalAdded)Assert.Single(await store.ReadAsync(contested, 0, 10)).Event).Text);
        foreach (var caseId in others)
        {
            Assert.Single(await store.ReadAsync(caseId, 0, 10));
        }
    }

    [Fact]
    public async Task AnAppendThatLosesTheRace_WritesNoneOfItsEvents()
    {
        var store = new PostgresCaseEventStore(await TestDatabase.GetAsync());
        var caseId = NewCaseId();
        await store.AppendAsync(caseId, [Record(caseId, 1, "a"), Record(caseId, 2, "b")]);

        await Assert.ThrowsAsync<CaseVersionConflictException>(() => store.AppendAsync(caseId, [Record(caseId, 2, "late"), Record(caseId, 3, "late")]));

        Assert.Equal(["a", "b"], (await store.ReadAsync(caseId, 0, 10)).Select(r => ((GoalAdded)r.Event).Text));
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

    private static string NewCaseId() => $"case-store-{Guid.NewGuid():N}";

    private static CaseEventRecord Record(string caseId, long version, string text) =>
        new(caseId, version, "u-writer", null, At, new GoalAdded($"g-{version}", "housing", text));
}
