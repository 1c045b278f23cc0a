using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using CaseGrid.Contracts.Cases;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Silo kills under load on <see cref="ClusterProcesses"/>, as a user meets them: members edit fresh cases at about
/// 200 edits/s over the hub and REST on both API hosts, while watchers — real SignalR clients that only watch, and
/// follow the catch-up rule — are joined to the cases on both hosts. A trial restarts the silo killed last, kills a
/// silo at a chosen moment after that restart (or during its own start-up), and measures how long until the killed
/// silo's cases accept writes again and until every watcher holds the log's head.
/// </summary>
public sealed class FailoverDrill : IAsyncDisposable
{
    /// <summary>Cases per trial.</summary>
    public const int Cases = 10;

    /// <summary>How long a watcher may wait for a missing push before it fetches the events itself.</summary>
    public static readonly TimeSpan GapWait = TimeSpan.FromMilliseconds(300);

    private const double RestPerLane = 1.5;
    private const double HubPerLane = 3.5;
    private const int MaxInFlightPerLane = 8;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private readonly ClusterProcesses _cluster;
    private readonly List<HttpClient> _rest = [];
    private readonly List<LiveClient> _hubWriters = [];
    private readonly List<LiveClient> _watchers = [];
    private HttpClient _kari = null!;
    private int _trial;

    private FailoverDrill(ClusterProcesses cluster) => _cluster = cluster;

    /// <summary>The watchers: u-kari and u-ingrid on each API host.</summary>
    public IReadOnlyList<LiveClient> Watchers => _watchers;

    public static async Task<FailoverDrill> StartAsync(ClusterProcesses cluster)
    {
        var drill = new FailoverDrill(cluster);
        foreach (var host in new[] { cluster.Api1, cluster.Api2 })
        {
            foreach (var user in new[] { "u-kari", "u-ingrid" })
            {
                var token = await ClusterApi.TokenAsync(host, user);
                drill._rest.Add(await ClusterApi.HttpAsync(host, user, CallTimeout));
                drill._hubWriters.Add(await LiveClient.ConnectAsync(host, token));
                var watcher = await LiveClient.ConnectAsync(host, token);
                watcher.FollowCatchUpRule(GapWait);
                drill._watchers.Add(watcher);
            }
        }

        drill._kari = drill._rest[0];
        return drill;
    }

    /// <summary>
    /// One trial: <paramref name="restart"/> brings back the silo killed last (or does nothing), then load starts;
    /// <paramref name="victim"/> is killed <paramref name="killAfter"/> after the restart — or, when
    /// <paramref name="duringStartUp"/>, it is launched under load and killed that long after its launch, while it is
    /// still starting.
    /// </summary>
    public async Task<TrialResult> RunTrialAsync(int victim, TimeSpan killAfter, bool duringStartUp, Func<Task> restart)
    {
        var trial = ++_trial;
        var restartedAt = Stopwatch.GetTimestamp();
        await restart();
        if (!duringStartUp)
        {
            restartedAt = Stopwatch.GetTimestamp();
        }

        var caseIds = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            caseIds.Add(await ClusterApi.OpenCaseWithIngridAsync(_kari));
        }

        foreach (var watcher in _watchers)
        {
            foreach (var caseId in caseIds)
            {
                await watcher.JoinCaseAsync(caseId);
            }
        }

        await using var load = new WriteLoad(trial, caseIds, _rest, _hubWriters);
        if (duringStartUp)
        {
            await WaitUntilAsync(Stopwatch.GetTimestamp() + Ticks(TimeSpan.FromSeconds(3)));
            await _cluster.LaunchSiloAsync(victim);
            restartedAt = Stopwatch.GetTimestamp();
        }

        // Before the kill nothing may be behind either: the heads a second before it, held at the kill.
        await WaitUntilAsync(restartedAt + Ticks(killAfter) - Ticks(TimeSpan.FromSeconds(1)));
        var before = await HeadsAsync(caseIds);
        await WaitUntilAsync(restartedAt + Ticks(killAfter));
        var behindBefore = Behind(caseIds, before);
        var killOffset = Stopwatch.GetElapsedTime(restartedAt);
        // Taken as the kill is sent: the times below include the moments it takes to reach the process.
        var killedAt = Stopwatch.GetTimestamp();
        await _cluster.KillSiloAsync(victim);

        // Current within 5 s: the heads of the log 4 s after the kill, held by every watcher 5 s after it.
        await WaitUntilAsync(killedAt + Ticks(TimeSpan.FromSeconds(4)));
        var heads = await HeadsAsync(caseIds);
        await WaitUntilAsync(killedAt + Ticks(TimeSpan.FromSeconds(5)));
        var behindAt5 = Behind(caseIds, heads);

        // Writes go on until every case has taken one sent after the kill (at least 8 s), then stop.
        var writesBack = killedAt + Ticks(TimeSpan.FromSeconds(40));
        while (Stopwatch.GetTimestamp() < writesBack && !(load.EveryCaseAcknowledgedAfter(killedAt) && Stopwatch.GetElapsedTime(killedAt) > TimeSpan.FromSeconds(8)))
        {
            await WaitUntilAsync(Stopwatch.GetTimestamp() + Ticks(TimeSpan.FromMilliseconds(100)));
        }

        await load.StopAsync();
        var failover = load.FailoverTime(killedAt);

        // And every watcher holds the final head shortly after the writes stop: nothing is silently stale.
        var final = await HeadsAsync(caseIds);
        var stopped = Stopwatch.GetTimestamp();
        var finalBehind = Behind(caseIds, final);
        while (finalBehind.Count > 0 && Stopwatch.GetElapsedTime(stopped) < TimeSpan.FromSeconds(5))
        {
            await WaitUntilAsync(Stopwatch.GetTimestamp() + Ticks(TimeSpan.FromMilliseconds(50)));
            finalBehind = Behind(caseIds, final);
        }

        var currentAfterStop = Stopwatch.GetElapsedTime(stopped);
        foreach (var watcher in _watchers)
        {
            foreach (var caseId in caseIds)
            {
                watcher.Forget(caseId);
                try
                {
                    await watcher.Connection.InvokeAsync("LeaveCase", caseId);
                }
                catch (HubException)
                {
                }
            }
        }

        return new TrialResult(trial, victim, duringStartUp, killOffset, failover, behindBefore, behindAt5, finalBehind, currentAfterStop,
            load.Acknowledged, load.Errors, final.Values.Sum(), load.CasesFailingAfter(killedAt));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _watchers.Concat(_hubWriters))
        {
            await client.DisposeAsync();
        }

        foreach (var http in _rest)
        {
            http.Dispose();
        }
    }

    /// <summary>The (watcher, case) pairs whose watcher does not hold the given head of the case, with what it holds.</summary>
    private List<string> Behind(List<string> caseIds, Dictionary<string, long> heads) =>
        [.. _watchers.SelectMany((w, i) => caseIds
            .Where(c => w.AppliedVersionOf(c) < heads.GetValueOrDefault(c))
            .Select(c => $"watcher {i} holds {w.AppliedVersionOf(c)} of {heads[c]} ({c})"))];

    /// <summary>The head of each case's event log, read from PostgreSQL itself.</summary>
    private async Task<Dictionary<string, long>> HeadsAsync(List<string> caseIds)
    {
        await using var connection = new NpgsqlConnection(_cluster.Postgres);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT case_id, max(version) FROM case_events WHERE case_id = ANY($1) GROUP BY case_id", connection);
        read.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. caseIds] });
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var rows = await read.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            heads[rows.GetString(0)] = rows.GetInt64(1);
        }

        return heads;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Waits for a moment of the drill's schedule (a kill at a chosen time is the scenario, not a synchronisation).</summary>
    private static async Task WaitUntilAsync(long timestamp)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (left > TimeSpan.Zero)
        {
            using var timer = new PeriodicTimer(left);
            await timer.WaitForNextTickAsync();
        }
    }

    /// <summary>What one trial saw.</summary>
    public sealed record TrialResult(
        int Trial, int Victim, bool DuringStartUp, TimeSpan KillOffset, TimeSpan? Failover,
        IReadOnlyList<string> BehindBefore, IReadOnlyList<string> BehindAt5, IReadOnlyList<string> BehindAtEnd, TimeSpan CurrentAfterStop,
        int Acknowledged, IReadOnlyDictionary<string, int> Errors, long Events, int CasesHit)
    {
        public bool Passed => BehindBefore.Count == 0 && BehindAt5.Count == 0 && BehindAtEnd.Count == 0;

        public override string ToString()
        {
            var moment = DuringStartUp ? $"during start-up, {S(KillOffset)} s after its launch" : $"{S(KillOffset)} s after the restart";
            var back = Failover is { } f ? $"{S(f)} s" : "never";
            var errors = Errors.Count == 0 ? "none" : string.Join(", ", Errors.Select(e => $"{e.Key} ×{e.Value}"));
            var text = $"trial {Trial}: silo{Victim} killed {moment}, hitting {CasesHit} of {Cases} cases; writes back after {back}; watchers behind before the kill: {BehindBefore.Count}, at 5 s: {BehindAt5.Count}, " +
                $"after the writes stopped: {BehindAtEnd.Count} ({S(CurrentAfterStop)} s); {Acknowledged} edits acknowledged, {Events} events; errors: {errors}";
            return Passed ? text : $"{text}\n    before the kill: {Sample(BehindBefore)}\n    at 5 s: {Sample(BehindAt5)}\n    at the end: {Sample(BehindAtEnd)}";
        }

        /// <summary>A few of the pairs behind, and how many there are per watcher.</summary>
        private static string Sample(IReadOnlyList<string> behind) =>
            $"{string.Join(", ", behind.GroupBy(b => b.Split(" holds ")[0]).Select(g => $"{g.Key} ×{g.Count()}"))}: {string.Join("; ", behind.Take(3))}";

        private static string S(TimeSpan span) => span.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Edits at a steady rate, open loop (a call that hangs on a dead silo holds up no later one): every writer on every
    /// case, over REST and the hub, each lane at most a few calls in flight.
    /// </summary>
    private sealed class WriteLoad : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _lanes = [];
        private readonly ConcurrentBag<Task> _calls = [];
        private readonly ConcurrentDictionary<string, int> _errors = new();
        private readonly ConcurrentBag<(string CaseId, long Sent, long Acked)> _acks = [];
        private readonly ConcurrentBag<(string CaseId, long Sent)> _failures = [];

        public int CasesFailingAfter(long killedAt) => _failures.Where(f => f.Sent > killedAt).Select(f => f.CaseId).Distinct().Count();
        private readonly List<string> _caseIds;

        public WriteLoad(int trial, List<string> caseIds, List<HttpClient> rest, List<LiveClient> hub)
        {
            _caseIds = caseIds;
            var lane = 0;
            foreach (var caseId in caseIds)
            {
                foreach (var http in rest)
                {
                    var name = $"t{trial}-r{lane++}";
                    _lanes.Add(RunLaneAsync(caseId, RestPerLane, (n, ct) => RestEditAsync(http, caseId, $"{name}-{n}", ct)));
                }

                foreach (var client in hub)
                {
                    var name = $"t{trial}-h{lane++}";
                    _lanes.Add(RunLaneAsync(caseId, HubPerLane, (n, ct) => HubEditAsync(client, caseId, $"{name}-{n}", ct)));
                }
            }
        }

        public int Acknowledged => _acks.Count;

        public IReadOnlyDictionary<string, int> Errors => _errors;

        public bool EveryCaseAcknowledgedAfter(long killedAt) =>
            _caseIds.All(c => _acks.Any(a => a.CaseId == c && a.Sent > killedAt));

        /// <summary>How long after the kill the last case to recover acknowledged its first write sent after the kill.</summary>
        public TimeSpan? FailoverTime(long killedAt)
        {
            var firsts = _caseIds.Select(c => _acks.Where(a => a.CaseId == c && a.Sent > killedAt).Select(a => (long?)a.Acked).Min()).ToList();
            return firsts.Any(f => f is null) ? null : Stopwatch.GetElapsedTime(killedAt, firsts.Max(f => f!.Value));
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_lanes);
            await Task.WhenAll(_calls);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await StopAsync();
            }

            _stop.Dispose();
        }

        private async Task RunLaneAsync(string caseId, double rate, Func<int, CancellationToken, Task<long?>> edit)
        {
            var inFlight = 0;
            var n = 0;
            using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate));
            try
            {
                while (await tick.WaitForNextTickAsync(_stop.Token))
                {
                    if (Volatile.Read(ref inFlight) >= MaxInFlightPerLane)
                    {
                        continue;
                    }

                    Interlocked.Increment(ref inFlight);
                    var number = n++;
                    _calls.Add(Task.Run(async () =>
                    {
                        var sent = Stopwatch.GetTimestamp();
                        try
                        {
                            using var timeout = new CancellationTokenSource(CallTimeout);
                            if (await edit(number, timeout.Token) is not null)
                            {
                                _acks.Add((caseId, sent, Stopwatch.GetTimestamp()));
                            }
                            else
                            {
                                _failures.Add((caseId, sent));
                            }
                        }
                        finally
                        {
                            Interlocked.Decrement(ref inFlight);
                        }
                    }));
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task<long?> RestEditAsync(HttpClient http, string caseId, string text, CancellationToken cancellationToken)
        {
            try
            {
                using var response = await http.PostAsJsonAsync($"/api/v1/cases/{caseId}/goals", new { code = "housing", text }, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return (await response.JsonAsync()).Number("version");
                }

                Error($"REST {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                Error($"REST {e.GetType().Name}");
            }

            return null;
        }

        private async Task<long?> HubEditAsync(LiveClient client, string caseId, string text, CancellationToken cancellationToken)
        {
            try
            {
                var outcome = await client.Connection.InvokeAsync<Realtime.CommandOutcome>(
                    "Execute", caseId, nameof(AddGoal), System.Text.Json.JsonSerializer.SerializeToElement(new AddGoal("housing", text), LiveClient.Json), cancellationToken);
                if (outcome.Error is null)
                {
                    return outcome.Version;
                }

                Error($"hub {outcome.Error.Code}");
            }
            catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException)
            {
                Error($"hub {e.GetType().Name}");
            }

            return null;
        }

        private void Error(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }
}
