using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseGrid.Grains.Storage;
using Npgsql;
using Xunit.Abstractions;
using static CaseGrid.Api.Tests.PartnerSystems;

namespace CaseGrid.Api.Tests;

/// <summary>
/// The backup and restore drill: <c>deploy/pg.sh backup</c> taken while editors are acknowledged, restored with
/// <c>deploy/pg.sh restore</c> into a fresh PostgreSQL, migrated and started with the master key kept apart. Every edit
/// acknowledged before the backup began is there, every case folds to the state the running system has at the same
/// version, a partner's feed position resumes, and a start with another master key is refused with the reason.
/// </summary>
[Collection(ScratchPostgresShared.Name)]
[Trait("Store", "PostgreSQL")]
public sealed class BackupRestoreDrillTests(ScratchPostgresFixture target, ITestOutputHelper output)
{
    private const int Editors = 6;

    [Fact]
    public async Task ABackupTakenUnderLoad_RestoredElsewhere_HoldsEveryEditAcknowledgedBeforeIt()
    {
        // The running system: its own PostgreSQL, whose transaction ids are an epoch on from the fresh one restored into.
        await using var source = await ScratchPostgres.StartAsync(epoch: 1);
        await source.CreateDatabaseAsync("drill");
        var sourceMigration = await source.UrlAsync("drill", migration: true);
        await using var running = CaseGridApiFactory.On(await source.UrlAsync("drill"), sourceMigration, CaseGrid.Tests.TestSecrets.MasterKeyFile);
        using var world = await TestWorld.CreateAsync(running);
        var cases = new List<string>();
        for (var i = 0; i < Editors; i++)
        {
            var caseId = await world.OpenCaseAsync();
            await world.ConsentAsync(caseId, "PartnerSystems");
            cases.Add(caseId);
        }

        var clientId = $"kommune-system-{world.Suffix}";
        using var partner = await running.SystemClientAsync(clientId, "Municipality", world.MunicipalityId);
        var saved = await partner.FeedHeadAsync();

        // Editors write goals as fast as they are acknowledged, before, while and after the backup runs.
        var acknowledged = new ConcurrentBag<(string CaseId, long Version, string Text, long At)>();
        using var stop = new CancellationTokenSource();
        var editors = cases.Select((caseId, e) => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var text = $"{caseId} mål {n}";
                using var response = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { code = "housing", text }, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    acknowledged.Add((caseId, (await response.JsonAsync()).Number("version"), text, Stopwatch.GetTimestamp()));
                }
            }
        })).ToList();
        await Api.EventuallyAsync(() => Task.FromResult(acknowledged.Count), n => n >= 5 * Editors, "editors under way", TimeSpan.FromSeconds(60));

        var backup = Path.Combine(Path.GetTempPath(), $"casegrid-drill-{Guid.NewGuid():N}.dump");
        var began = Stopwatch.GetTimestamp();
        await source.BackupAsync("drill", backup);
        var ended = Stopwatch.GetTimestamp();
        await Api.EventuallyAsync(() => Task.FromResult(acknowledged.Count(a => a.At > ended)), n => n >= Editors, "edits after the backup", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(editors);
        var during = acknowledged.Count(a => a.At > began && a.At < ended);
        output.WriteLine($"{acknowledged.Count} edits acknowledged; {acknowledged.Count(a => a.At < began)} before the backup, {during} while it ran " +
            $"({Stopwatch.GetElapsedTime(began, ended).TotalMilliseconds:F0} ms), {new FileInfo(backup).Length} bytes");
        Assert.True(during > 0, "No edit was acknowledged while the backup ran: it held the writers up.");

        // Restored into a fresh instance and migrated: the feed's clock moves past the restored log.
        await target.Instance.CreateDatabaseAsync("restored");
        await target.Instance.RestoreAsync("restored", backup);
        File.Delete(backup);
        var migration = await target.Instance.UrlAsync("restored", migration: true);
        await using (var owner = NpgsqlDataSource.Create(migration))
        {
            var report = await SchemaMigrator.ApplyAsync(owner);
            Assert.Empty(report.Applied);
            Assert.True(report.FeedClockMoved);
        }

        // Without the master key the backup was taken with, CaseGrid does not start, and says why.
        await using (var stranger = CaseGridApiFactory.On(await target.Instance.UrlAsync("restored"), migration, SecretFile.Write("other-master.key", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)))))
        {
            var refused = Assert.ThrowsAny<Exception>(() => stranger.Services);
            var reason = string.Join(" | ", Messages(refused));
            Assert.Contains("sealed under master key", reason, StringComparison.Ordinal);
            Assert.Contains("the master key file the backup was taken with", reason, StringComparison.Ordinal);
        }

        await using var restored = CaseGridApiFactory.On(await target.Instance.UrlAsync("restored"), migration, CaseGrid.Tests.TestSecrets.MasterKeyFile);
        using var officer = await restored.ClientForAsync(world.Officer.Id, world.Officer.Name);
        foreach (var caseId in cases)
        {
            using var events = await officer.GetAsync($"/api/v1/cases/{caseId}/events?after=0&max=1000");
            var log = (await events.OkJsonAsync())["events"]!.AsArray().ToDictionary(e => e!.Number("version"), e => e!);
            foreach (var ack in acknowledged.Where(a => a.CaseId == caseId && a.At < began))
            {
                Assert.True(log.TryGetValue(ack.Version, out var stored), $"{caseId} version {ack.Version}, acknowledged before the backup began, is not in it");
                Assert.Equal(ack.Text, stored!.Str("event.text"));
            }

            var version = log.Keys.Max();
            using var there = await officer.GetAsync($"/api/v1/cases/{caseId}?atVersion={version}");
            using var here = await world.Officer.Http.GetAsync($"/api/v1/cases/{caseId}?atVersion={version}");
            Assert.True(JsonNode.DeepEquals(await here.OkJsonAsync(), await there.OkJsonAsync()), $"{caseId} at version {version} folds otherwise after the restore");
        }

        // The partner resumes from its position: what the running system has after it, as far as the backup goes, in the
        // same order at the same positions; then what is written on the restored system comes after it. "As far as the
        // backup goes" is not a prefix: a write whose transaction had not committed when the backup's snapshot was taken
        // is not in it, though a later-numbered one that had committed is (the running system's readers waited for it).
        using var resumedPartner = await restored.SystemClientAsync(clientId, "Municipality", world.MunicipalityId);
        var (resumed, end) = await resumedPartner.FeedToEndAsync(saved);
        var (original, _) = await partner.FeedToEndAsync(saved);
        Assert.NotEmpty(resumed);
        var at = original.Select((item, index) => (item, index)).ToDictionary(x => x.item, x => x.index);
        var previous = -1;
        foreach (var item in resumed)
        {
            Assert.True(at.TryGetValue(item, out var index), $"{item.Position} ({item.CaseId} version {item.Version}) is in the restored feed, not the running system's, or differs");
            Assert.True(index > previous, $"{item.Position} comes in another order after the restore");
            previous = index;
        }

        var fed = resumed.Select(item => (item.CaseId, item.Version)).ToHashSet();
        Assert.All(acknowledged.Where(a => a.At < began), ack => Assert.Contains((ack.CaseId, ack.Version), fed));
        using (var goal = await officer.PostAsJsonAsync($"/api/v1/cases/{cases[0]}/goals", new { code = "housing", text = "Etter gjenopprettingen" }))
        {
            await goal.OkJsonAsync();
        }

        var (later, _) = await resumedPartner.FeedToEndAsync(end);
        Assert.Contains(later, e => e.CaseId == cases[0] && e.Type == "goal-added");
        output.WriteLine($"the partner resumed with {resumed.Count} events of the backup, then the new one");
    }

    private static IEnumerable<string> Messages(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Messages))
                {
                    yield return inner;
                }
            }
        }
    }
}
