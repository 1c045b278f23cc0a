using System.Security.Cryptography;
using System.Text.Json;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Privacy;
using CaseGrid.Domain;
using CaseGrid.Grains.Cases;
using CaseGrid.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace CaseGrid.Grains.Tests;

/// <summary>
/// Case snapshots: a case resumes from its snapshot and folds only the events after it, to the very state a fold of
/// the whole log gives; a snapshot it cannot trust (another fold, unreadable, ahead of the log) is passed over for the
/// log; erasing the case deletes it. The silos take one every <see cref="ClusterFixture.SnapshotEvery"/> events.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed class SnapshotTests(ClusterFixture fixture)
{
    private const string Marked = "Merket Øyeblikksbilde";

    private static readonly CaseSnapshotCodec Codec = new(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<CaseSnapshot>>());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task TheSnapshot_IsTheFoldOfTheWholeLog_AndTheCaseResumesFromIt_ForAnySequenceOfCommands(int seed)
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        var random = new Random(seed);
        var ids = new List<(string Id, long Version, CaseCommand Command)>();
        for (var i = 0; i < 25 + random.Next(15); i++)
        {
            var state = (await s.Case.GetAsync(s.Officer, null)).State!;
            CaseCommand command = random.Next(5) switch
            {
                0 when state.NeedAreas.Values.Any(n => n.Status == NeedStatus.NotAssessed) =>
                    new IdentifyNeed(state.NeedAreas.Values.Where(n => n.Status == NeedStatus.NotAssessed).OrderBy(n => n.Code, StringComparer.Ordinal).First().Code, s.Officer.UserId, $"Ord {i}", $"Vurdering {i}"),
                1 or 2 when state.Goals.Count > 0 => state.Goals.Values.OrderBy(g => g.GoalId, StringComparer.Ordinal).ElementAt(random.Next(state.Goals.Count)) is var goal
                    ? new UpdateGoal(goal.GoalId, goal.Version, $"Mål omformulert {i}", random.Next(4) == 0)
                    : null!,
                _ => new AddGoal("housing", $"Mål {i}"),
            };
            var id = random.Next(3) == 0 ? Guid.NewGuid().ToString("N") : null;
            var result = await s.Case.ExecuteAsync(command, s.Officer, id);
            Assert.True(result.Succeeded, $"{command.GetType().Name}: {result.Error?.Code}");
            if (id is not null)
            {
                ids.Add((id, result.Version, command));
            }
        }

        var before = (await s.Case.GetAsync(s.Officer, null)).State!;
        await fixture.Cluster.DeactivateAsync(s.Case);

        // Taken on deactivation at the head (the activation wrote events since the last), and equal to the log's fold.
        var (stored, snapshot) = await SnapshotAsync(s.CaseId);
        Assert.Equal(before.Version, stored.Version);
        Assert.Equal(CaseEvolver.FoldVersion, stored.FoldVersion);
        Assert.Equal(Json(CaseEvolver.Replay(await LogAsync(s.CaseId))!), Json(snapshot.State));

        // Resumed from it: the same state, and a command sent again is still answered from what it wrote.
        Assert.Equal(Json(before), Json((await s.Case.GetAsync(s.Officer, null)).State!));
        if (ids.Count > 0)
        {
            var (id, version, command) = ids[0];
            var again = await s.Case.ExecuteAsync(command, s.Officer, id);
            var reused = await s.Case.ExecuteAsync(new AddGoal("housing", "en annen kommando"), s.Officer, id);
            Assert.Equal(version, again.Version);
            Assert.Null(again.Error);
            Assert.Equal("idempotency.key-reused", reused.Error?.Code);
            Assert.Equal(before.Version, (await s.Case.GetAsync(s.Officer, null)).State!.Version);
        }
    }

    [Fact]
    public async Task TheSnapshot_IsTakenEveryNEvents_WhileTheCaseIsActive()
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        for (var i = 1; i < ClusterFixture.SnapshotEvery; i++)
        {
            await s.MustAsync(s.Officer, new AddGoal("housing", $"Mål {i}"));
        }

        // Written off the edit path: looked for, not assumed at the acknowledgement.
        var stored = await Eventually.ValueAsync(async () => (await fixture.Snapshots.OpenAsync(s.CaseId, CaseEvolver.FoldVersion, 1)).Snapshot);
        Assert.Equal(ClusterFixture.SnapshotEvery, stored.Version);

        // Read back, its need areas (goals were added, no area changed) are the ones every case opens with, not copies.
        var opening = CaseEvolver.Replay((await LogAsync(s.CaseId)).Take(1))!;
        var readBack = Codec.Open(stored, (await fixture.Keys.FindAsync(s.CaseId)).Key!).State;
        Assert.NotEmpty(readBack.NeedAreas);
        Assert.All(readBack.NeedAreas.Values, a => Assert.Same(opening.NeedAreas[a.Code], a));

        // And the names are the copies a read of the log holds, as every other case naming the same people does.
        Assert.Same(opening.Person.DisplayName, readBack.Person.DisplayName);
        Assert.NotEmpty(opening.Members);
        Assert.All(opening.Members.Values, m => Assert.Same(m.DisplayName, readBack.Members[m.UserId].DisplayName));
    }

    [Fact]
    [Trait("Store", "PostgreSQL")]
    public async Task AnActivation_ResumesFromTheSnapshot_AndFoldsOnlyTheEventsAfterIt()
    {
        var s = await GoalsAsync(14);
        var log = await LogAsync(s.CaseId);
        await fixture.Cluster.DeactivateAsync(s.Case);

        // A snapshot at version 10 that says something the log does not: a case that shows it was resumed from it.
        var at10 = CaseEvolver.Replay(log.Take(10))!;
        await PutAsync(s.CaseId, at10 with { Person = at10.Person with { DisplayName = Marked } });

        var state = (await s.Case.GetAsync(s.Officer, null)).State!;
        Assert.Equal(Marked, state.Person.DisplayName);
        Assert.Equal(log[^1].Version, state.Version);
        Assert.Equal(Json(CaseEvolver.Replay(log)!.Goals), Json(state.Goals));
    }

    [Theory]
    [Trait("Store", "PostgreSQL")]
    [InlineData("another fold")]
    [InlineData("unreadable")]
    [InlineData("sealed for another version")]
    [InlineData("ahead of the log")]
    public async Task ASnapshotThatCannotBeTrusted_IsPassedOver_ForTheLog(string flaw)
    {
        var s = await GoalsAsync(12);
        var log = await LogAsync(s.CaseId);
        var head = CaseEvolver.Replay(log)!;
        var marked = head with { Person = head.Person with { DisplayName = Marked } };

        // Sound, it is used (so the case below shows the flaw, not a snapshot never looked at).
        await fixture.Cluster.DeactivateAsync(s.Case);
        await PutAsync(s.CaseId, marked);
        Assert.Equal(Marked, (await s.Case.GetAsync(s.Officer, null)).State!.Person.DisplayName);

        await fixture.Cluster.DeactivateAsync(s.Case);
        var key = (await fixture.Keys.FindAsync(s.CaseId)).Key!;
        var sound = Codec.Seal(new CaseSnapshot(marked, [], false), key);
        await PutAsync(s.CaseId, flaw switch
        {
            "another fold" => sound with { FoldVersion = CaseEvolver.FoldVersion + 1 },
            "unreadable" => sound with { Sealed = RandomNumberGenerator.GetBytes(sound.Sealed.Length) },
            "sealed for another version" => sound with { Version = head.Version - 1 },
            _ => Codec.Seal(new CaseSnapshot(marked with { Version = head.Version + 5 }, [], false), key),
        });

        var state = (await s.Case.GetAsync(s.Officer, null)).State!;
        Assert.Equal("Ola Nordmann", state.Person.DisplayName);
        Assert.Equal(head.Version, state.Version);
        Assert.Equal(Json(head.Goals), Json(state.Goals));

        // The activation that passed it over folded the whole log, and puts a sound snapshot in its place.
        var replaced = await Eventually.ValueAsync(async () => await TryOpenAsync(s.CaseId) is { } now && now.State.Version == head.Version ? now : null);
        Assert.Equal(Json(head), Json(replaced.State));
    }

    [Fact]
    public async Task ErasingTheCase_DeletesItsSnapshot_AndTheCaseStaysUnreadable()
    {
        var s = await new Scenario(fixture.Client).OpenAsync(phase: CasePhase.Summoned);
        for (var i = 1; i < ClusterFixture.SnapshotEvery; i++)
        {
            await s.MustAsync(s.Officer, new AddGoal("housing", $"Mål {i}"));
        }

        await s.MustAsync(s.Officer, new ChangePhase(CasePhase.Closed));
        await fixture.Cluster.DeactivateAsync(s.Case);
        Assert.NotNull((await fixture.Snapshots.OpenAsync(s.CaseId, CaseEvolver.FoldVersion, 1)).Snapshot);

        Assert.Null(await s.Case.EraseAsync(s.Officer, ErasureReason.RegisteredInError));

        var opening = await fixture.Snapshots.OpenAsync(s.CaseId, CaseEvolver.FoldVersion, 100);
        Assert.True(opening.Key.Erased);
        Assert.Null(opening.Snapshot);
        Assert.Empty(opening.Events);
        if (!ClusterFixture.OnAzureStorage)
        {
            await using var count = fixture.DataSource.CreateCommand("SELECT count(*) FROM case_snapshots WHERE case_id = $1");
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.CaseId });
            Assert.Equal(0L, await count.ExecuteScalarAsync());
        }

        await fixture.Cluster.DeactivateAsync(s.Case);
        Assert.Equal("case.erased", (await s.Case.GetAsync(s.Officer, null)).Error?.Code);
    }

    private async Task<Scenario> GoalsAsync(int events)
    {
        var s = await new Scenario(fixture.Client).OpenAsync();
        for (var i = 1; i < events; i++)
        {
            await s.MustAsync(s.Officer, new AddGoal("housing", $"Mål {i}"));
        }

        return s;
    }

    private async Task<IReadOnlyList<CaseEventRecord>> LogAsync(string caseId) => await fixture.Log.ReadAsync(caseId, 0, 1000);

    /// <summary>The stored snapshot, opened.</summary>
    private async Task<(SealedSnapshot Stored, CaseSnapshot Snapshot)> SnapshotAsync(string caseId)
    {
        var opening = await fixture.Snapshots.OpenAsync(caseId, CaseEvolver.FoldVersion, 1);
        Assert.NotNull(opening.Snapshot);
        return (opening.Snapshot, Codec.Open(opening.Snapshot, opening.Key.Key!));
    }

    private async Task<CaseSnapshot?> TryOpenAsync(string caseId)
    {
        var opening = await fixture.Snapshots.OpenAsync(caseId, CaseEvolver.FoldVersion, 1);
        try
        {
            return opening.Snapshot is { } stored ? Codec.Open(stored, opening.Key.Key!) : null;
        }
        catch (Exception e) when (e is CryptographicException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Put a state as the case's snapshot, sealed as the silos seal one.</summary>
    private async Task PutAsync(string caseId, CaseState state) =>
        await PutAsync(caseId, Codec.Seal(new CaseSnapshot(state, [], false), (await fixture.Keys.FindAsync(caseId)).Key!));

    private async Task PutAsync(string caseId, SealedSnapshot snapshot) => await fixture.Snapshots.WriteAsync(caseId, snapshot, replace: true);

    private static string Json(object value) => JsonSerializer.Serialize(value, CaseEventJson.Options);
}
