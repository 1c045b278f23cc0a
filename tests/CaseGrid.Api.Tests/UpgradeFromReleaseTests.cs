using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseGrid.Grains.Storage;
using Npgsql;
using Xunit.Abstractions;
using static CaseGrid.Api.Tests.PartnerSystems;

namespace CaseGrid.Api.Tests;

/// <summary>
/// A database the last release left (committed in tests/fixtures, with what was read from it before it was dumped)
/// is restored into a fresh PostgreSQL and upgraded by this release's migrations: every case folds to the same state,
/// the partner's saved feed position resumes where it was and goes on, and the webhook's waiting deliveries go out,
/// signed with the secret it was given then, followed by what happens now.
/// </summary>
[Collection(ScratchPostgresShared.Name)]
[Trait("Store", "PostgreSQL")]
public sealed class UpgradeFromReleaseTests(ScratchPostgresFixture postgres, ITestOutputHelper output)
{
    /// <summary>The fixture of the release before the migration journal.</summary>
    public static string FixtureFolder => Path.Combine(CaseGrid.Tests.TestSecrets.RepositoryRoot, "tests", "fixtures", "release-dfd5d39");

    [Fact]
    public async Task TheLastReleasesDatabase_Upgraded_KeepsEveryCase_ThePartnersFeedPosition_AndItsWebhook()
    {
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FixtureFolder, "expected.json")))!.AsObject();
        const string Database = "upgraded";
        await postgres.Instance.CreateDatabaseAsync(Database);
        await postgres.Instance.RestoreAsync(Database, Path.Combine(FixtureFolder, "casegrid.dump"));
        var migration = await postgres.Instance.UrlAsync(Database, migration: true);

        // The release had no journal: its scripts are recorded, not run again; this release's own are applied; the
        // instance's transaction ids lie below the restored log's, so the feed's clock moves on.
        await using (var owner = NpgsqlDataSource.Create(migration))
        {
            var report = await SchemaMigrator.ApplyAsync(owner);
            Assert.Equal(SchemaMigrator.Baseline, report.Baselined);
            Assert.Equal(SchemaMigrator.Migrations.Where(m => !m.EveryRun && !SchemaMigrator.Baseline.Contains(m.Name)).Select(m => m.Name), report.Applied);
            Assert.True(report.FeedClockMoved);
            output.WriteLine($"upgrade: {report.Baselined.Count} scripts of the release recorded, applied {string.Join(", ", report.Applied)}");
            Assert.Empty((await SchemaMigrator.ApplyAsync(owner)).Applied);

            // The partner's receiver listens somewhere else now than when the fixture was made.
            await using var moved = owner.CreateCommand("UPDATE webhook_subscriptions SET url = $1 WHERE id = $2");
            await using var receiver = new WebhookReceiver();
            moved.Parameters.Add(new NpgsqlParameter<string> { TypedValue = receiver.Url });
            moved.Parameters.Add(new NpgsqlParameter<string> { TypedValue = expected.Str("webhook.id")! });
            Assert.Equal(1, await moved.ExecuteNonQueryAsync());
            await receiver.StartAsync();

            var masterKey = SecretFile.Write("release-master.key", await File.ReadAllTextAsync(Path.Combine(FixtureFolder, "master.key")));
            await using var host = CaseGridApiFactory.On(await postgres.Instance.UrlAsync(Database), migration, masterKey);
            host.Settings["CaseGrid:Webhooks:Enabled"] = "true";
            host.Settings["CaseGrid:Webhooks:AllowedNetworks:0"] = "127.0.0.1/32";
            host.Settings["CaseGrid:Webhooks:PollInterval"] = "00:00:00.200";
            using var coordinator = await host.ClientForAsync(expected.Str("coordinator")!, "Kari Nilsen");

            // Every case, as its coordinator reads it at the version it had, and its events.
            var added = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var expectedCase in expected["cases"]!.AsArray().Select(c => c!.AsObject()))
            {
                var caseId = expectedCase.Str("caseId")!;
                var version = expectedCase.Number("version");
                using var read = await coordinator.GetAsync($"/api/v1/cases/{caseId}?atVersion={version}");
                var state = (await read.OkJsonAsync()).AsObject();
                // Everything the release read is read alike; what this release adds to a case's view (a new part of the
                // domain, empty for these cases) is allowed and named.
                foreach (var (name, value) in expectedCase["state"]!.AsObject())
                {
                    Assert.True(AlikeBut(value, state[name], name, added), $"{caseId} at version {version} folds to another {name} after the upgrade:\n{state[name]}");
                }

                added.UnionWith(state.Select(p => p.Key).Where(name => !expectedCase["state"]!.AsObject().ContainsKey(name)));
                using var events = await coordinator.GetAsync($"/api/v1/cases/{caseId}/events?after=0&max={version}");
                Assert.True(AlikeBut(expectedCase["events"], (await events.OkJsonAsync())["events"], "events", added), $"{caseId}'s events differ after the upgrade");
            }

            // The partner resumes from its saved position: exactly the events it would have had then, at the same positions.
            var partner = expected["partner"]!;
            using var system = await host.SystemClientAsync(partner.Str("clientId")!, partner.Str("agency")!, partner.Str("unitId")!);
            var (resumed, end) = await system.FeedToEndAsync(partner.Str("savedPosition")!);
            var before = partner["after"]!.AsArray().Select(e => e!).Select(e => (e.Str("position"), e.Str("caseId"), e.Number("version"), e.Str("type"))).ToList();
            Assert.Equal(before, resumed.Take(before.Count).Select(e => ((string?)e.Position, (string?)e.CaseId, e.Version, (string?)e.Type)));

            // …and what is written now follows it.
            var caseWithConsent = expected["cases"]!.AsArray().Select(c => c!.Str("caseId")!).First(id => before.Any(b => b.Item2 == id));
            using (var goal = await coordinator.PostAsJsonAsync($"/api/v1/cases/{caseWithConsent}/goals", new { code = "housing", text = "Etter oppgraderingen" }))
            {
                await goal.OkJsonAsync();
            }

            // Awaited, not read once: the feed holds an event back while any older transaction in the database is still
            // open (the host's own outboxes among them), as the feed tests await it.
            var (later, _) = await Api.EventuallyAsync(() => system.FeedToEndAsync(end), r => r.Events.Any(e => e.CaseId == caseWithConsent && e.Type == "goal-added"), "the new event in the feed");
            var written = Assert.Single(later, e => e.CaseId == caseWithConsent && e.Type == "goal-added");
            Assert.True(Position(written.Position).CompareTo(Position(before[^1].Item1!)) > 0);

            // The webhook's waiting deliveries go out in feed order, signed with its secret of then; then the new event.
            var ids = before.Select(b => $"{b.Item2}:{b.Item3}").Append($"{written.CaseId}:{written.Version}").ToList();
            await receiver.WaitUntilAsync(r => ids.All(id => r.Any(d => d.Delivered && d.Id == id)), $"{ids.Count} deliveries", TimeSpan.FromSeconds(120));
            var delivered = receiver.Requests.Where(r => r.Delivered).ToList();
            Assert.All(delivered, d => Assert.True(d.SignedWith(expected.Str("webhook.secret")!), $"delivery {d.Id} is not signed with the webhook's secret"));
            Assert.Equal(ids, delivered.Select(d => d.Id).Where(ids.Contains).Distinct());
            output.WriteLine($"{expected["cases"]!.AsArray().Count} cases alike (new in this release's view: {string.Join(", ", added)}), the feed resumed with {before.Count} events, {delivered.Count} webhook deliveries");
        }
    }

    /// <summary>
    /// Equal, but for fields this release adds that are empty for what the release before wrote (null, [], {}, false);
    /// those are named in <paramref name="added"/> by their path.
    /// </summary>
    private static bool AlikeBut(JsonNode? expected, JsonNode? actual, string path, ISet<string> added)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in a.Where(p => !e.ContainsKey(p.Key)))
                {
                    if (!IsEmpty(value) && !DerivedFromWhatWasWritten.Contains(name))
                    {
                        return false;
                    }

                    added.Add($"{path}.{name}");
                }

                return e.All(p => AlikeBut(p.Value, a[p.Key], $"{path}.{p.Key}", added));
            case (JsonArray e, JsonArray a):
                return e.Count == a.Count && e.Zip(a).All(x => AlikeBut(x.First, x.Second, path, added));
            default:
                return JsonNode.DeepEquals(expected, actual);
        }
    }

    /// <summary>
    /// New fields that this release folds from what the release before already wrote, so they are not empty for its cases:
    /// who called a meeting is the actor of its scheduling event.
    /// </summary>
    private static readonly HashSet<string> DerivedFromWhatWasWritten = new(StringComparer.Ordinal) { "calledById" };

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        _ => false,
    };
}
