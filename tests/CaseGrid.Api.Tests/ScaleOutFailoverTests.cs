using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseGrid.Contracts.Cases;
using Xunit.Abstractions;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Two silo processes and two API host processes: a silo is killed while members on different hosts edit. Every
/// acknowledged edit is in the event log afterwards and, following the catch-up rule, on every client.
/// </summary>
[Collection(ClusterProcesses.Collection)]
public sealed class ScaleOutFailoverTests(ClusterProcesses cluster, ITestOutputHelper output)
{
    private const int Cases = 6;
    private const int EditsBeforeKill = 5;
    private const int EditsAfterKill = 8;

    [Fact]
    public async Task KillingASiloProcess_WhileMembersEditOnTwoHosts_LosesNoAcknowledgedEdit()
    {
        await cluster.EnsureRunningAsync();
        using var kari = await ClusterApi.HttpAsync(cluster.Api1, "u-kari");
        var ingridToken = await ClusterApi.TokenAsync(cluster.Api1, "u-ingrid");
        var caseIds = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            caseIds.Add(await ClusterApi.OpenCaseWithIngridAsync(kari));
        }

        await using var kariLive = await LiveClient.ConnectAsync(cluster.Api1, await ClusterApi.TokenAsync(cluster.Api1, "u-kari"));
        await using var ingridLive = await LiveClient.ConnectAsync(cluster.Api2, ingridToken);
        foreach (var caseId in caseIds)
        {
            await kariLive.JoinCaseAsync(caseId);
            await ingridLive.JoinCaseAsync(caseId);
        }

        var acknowledged = new ConcurrentBag<(string CaseId, long Version, string Text)>();
        var failures = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var ready = new CountdownEvent(Cases);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var writers = caseIds.Select(caseId => Task.Run(async () =>
        {
            var ok = 0;
            var afterKill = 0;
            for (var n = 0; afterKill < EditsAfterKill && !deadline.IsCancellationRequested; n++)
            {
                var text = $"{caseId} mål {n}";
                var wasKilled = killed.Task.IsCompleted;
                try
                {
                    long? version = n % 2 == 0
                        ? await RestEditAsync(kari, caseId, text)
                        : await HubEditAsync(ingridLive, caseId, text);
                    if (version is { } v)
                    {
                        acknowledged.Add((caseId, v, text));
                        afterKill += wasKilled ? 1 : 0;
                        if (++ok == EditsBeforeKill)
                        {
                            ready.Signal();
                        }

                        continue;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException)
                {
                    // Not acknowledged: the edit may or may not have happened, and nothing is owed for it.
                }

                Interlocked.Increment(ref failures);
                await Task.Delay(50);
            }
        })).ToList();

        Assert.True(ready.Wait(TimeSpan.FromSeconds(60)), "The editors never got going.");
        await cluster.KillSiloAsync(2);
        killed.SetResult();
        await Task.WhenAll(writers);
        Assert.False(deadline.IsCancellationRequested, "Edits did not resume within two minutes of the silo's death.");

        foreach (var caseId in caseIds)
        {
            var log = await EventsAsync(kari, caseId);
            foreach (var ack in acknowledged.Where(a => a.CaseId == caseId))
            {
                Assert.Equal(ack.Text, log[ack.Version]);
            }

            // The catch-up rule: rejoin from the last version applied in order (a push lost while the silo died
            // leaves a gap above it); then the client holds exactly the log.
            foreach (var client in new[] { kariLive, ingridLive })
            {
                await client.JoinCaseAsync(caseId, client.AppliedVersionOf(caseId));
                Assert.Equal(log.Keys.Order(), client.EventsOf(caseId).Select(e => e.Version));
                Assert.Equal(
                    log.Where(l => l.Value is not null).Select(l => (l.Key, l.Value)),
                    client.EventsOf(caseId).Where(e => e.Event is GoalAdded).Select(e => (e.Version, (string?)((GoalAdded)e.Event).Text)));
            }
        }

        output.WriteLine($"{acknowledged.Count} edits acknowledged across {Cases} cases; {failures} attempts failed while silo 2 died");
    }

    private static async Task<long?> RestEditAsync(HttpClient client, string caseId, string text)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { code = "housing", text });
        return response.IsSuccessStatusCode ? (await response.JsonAsync()).Number("version") : null;
    }

    private static async Task<long?> HubEditAsync(LiveClient client, string caseId, string text)
    {
        var outcome = await client.ExecuteAsync(caseId, new AddGoal("housing", text));
        return outcome.Error is null ? outcome.Version : null;
    }

    /// <summary>The case's log: version → goal text (null for other events).</summary>
    private static async Task<SortedDictionary<long, string?>> EventsAsync(HttpClient client, string caseId)
    {
        var log = new SortedDictionary<long, string?>();
        while (true)
        {
            var page = await (await client.GetAsync($"/api/v1/cases/{caseId}/events?after={log.Count}&max=1000")).OkJsonAsync();
            var events = page["events"]!.AsArray();
            foreach (var e in events.OfType<JsonNode>())
            {
                log[e.Number("version")] = e.Str("event.type") == "goal-added" ? e.Str("event.text") : null;
            }

            if (events.Count == 0 || log.Count >= page.Number("currentVersion"))
            {
                return log;
            }
        }
    }
}
