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
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
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
        await drill.WarmUpAsync();
        return drill;
    }

    /// <summary>
    /// A few seconds of the same load on cases of their own before the first kill, so that the first trial does not
    /// measure the processes' first requests (compiling their code paths) on a busy machine.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var caseIds = new List<string> { await ClusterApi.OpenCaseWithIngridAsync(_kari), await ClusterApi.OpenCaseWithIngridAsync(_kari) };
        foreach (var watcher in _watchers)
        {
            foreach (var caseId in caseIds)
            {
                await watcher.JoinCaseAsync(caseId);
            }
        }

        await using (var load = new WriteLoad($"{_run}-warm-up", caseIds, _rest, _hubWriters))
        {
            await WaitUntilAsync(Stopwatch.GetTimestamp() + Ticks(TimeSpan.FromSeconds(5)));
        }

        await LeaveAsync(caseIds);
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

        await using var load = new WriteLoad($"{_run}-t{trial}", caseIds, _rest, _hubWriters);
        var loadStarted = Stopwatch.GetTimestamp();
        if (duringStartUp)
        {
            await WaitUntilAsync(Stopwatch.GetTimestamp() + Ticks(TimeSpan.FromSeconds(3)));
            await _cluster.LaunchSiloAsync(victim);
            restartedAt = Stopwatch.GetTimestamp();
        }

        // Before the kill nothing may be behind either: the heads three seconds before it, held at the kill (on a
        // busy machine the pushes of 200 edits/s to 40 watchers run a second or two behind the log, with no fault at
        // all). Opening the cases can take longer than the chosen moment; the kill then waits until the load has run
        // for four seconds, so that the heads read before it are those of edits pushed three seconds earlier.
        var killAt = Math.Max(restartedAt + Ticks(killAfter), loadStarted + Ticks(TimeSpan.FromSeconds(4)));
        await WaitUntilAsync(killAt - Ticks(TimeSpan.FromSeconds(3)));
        var before = await HeadsAsync(caseIds);
        await WaitUntilAsync(killAt);
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

        // Writes go on until every case has taken one sent after the kill (at least 8 s), then stop. A watcher cannot
        // hold what its case cannot yet be read for: so also, once every case takes writes again, the heads of the log
        // then, held by every watcher 2 s later — what a kill whose failover itself took longer than 4 s is held to.
        var writesBack = killedAt + Ticks(TimeSpan.FromSeconds(40));
        var backAt = 0L;
        Dictionary<string, long>? headsAtBack = null;
        List<string>? behindAfterBack = null;
        while (Stopwatch.GetTimestamp() < writesBack
               && !(load.EveryCaseAcknowledgedAfter(killedAt) && Stopwatch.GetElapsedTime(killedAt) > TimeSpan.FromSeconds(8) && behindAfterBack is not null))
        {
            if (headsAtBack is null && load.EveryCaseAcknowledgedAfter(killedAt))
            {
                backAt = Stopwatch.GetTimestamp();
                headsAtBack = await HeadsAsync(caseIds);
            }
            else if (headsAtBack is not null && behindAfterBack is null && Stopwatch.GetElapsedTime(backAt) >= TimeSpan.FromSeconds(2))
            {
                behindAfterBack = Behind(caseIds, headsAtBack);
            }

            await WaitUntilAsync(Stopwatch.GetTimestamp() + Ticks(TimeSpan.FromMilliseconds(100)));
        }

        await load.StopAsync();
        var failover = load.FailoverTime(killedAt);

        // Honest outcomes: every acknowledged edit once in the log, none twice, none answered "not done" in it.
        var written = await WrittenAsync(caseIds);
        var wrongs = load.AcknowledgedKeys.Where(k => written.GetValueOrDefault(k) != 1).Select(k => $"acknowledged {k} is in the log {written.GetValueOrDefault(k)} times")
            .Concat(written.Where(w => w.Value > 1).Select(w => $"{w.Key} is in the log {w.Value} times"))
            .Concat(load.NotDoneKeys.Where(written.ContainsKey).Select(k => $"{k} was answered 'not done' but is in the log"))
            .Distinct().ToList();

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
        await LeaveAsync(caseIds);

        return new TrialResult(trial, victim, duringStartUp, killOffset, failover, behindBefore, behindAt5, behindAfterBack, finalBehind, currentAfterStop,
            load.Acknowledged, load.Errors, final.Values.Sum(), wrongs, load.CasesFailingAfter(killedAt), load.FailuresBefore(killedAt));
    }

    /// <summary>Every watcher leaves the cases.</summary>
    private async Task LeaveAsync(List<string> caseIds)
    {
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
                    // The case's grain is unreachable for the moment (its silo died): the host forgets the group anyway.
                }
            }
        }
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

    /// <summary>How often each edit is in the cases' event logs: goals added, by the command id each edit was sent under (its key). The payloads are sealed; the command id is not.</summary>
    private Task<Dictionary<string, long>> WrittenAsync(List<string> caseIds) =>
        PerKeyAsync("SELECT command_id, count(*) FROM case_events WHERE case_id = ANY($1) AND event_type = 'goal-added' AND command_id IS NOT NULL GROUP BY 1", caseIds);

    /// <summary>The head of each case's event log, read from PostgreSQL itself.</summary>
    private Task<Dictionary<string, long>> HeadsAsync(List<string> caseIds) =>
        PerKeyAsync("SELECT case_id, max(version) FROM case_events WHERE case_id = ANY($1) GROUP BY case_id", caseIds);

    /// <summary>A (text, number) query over the cases' event logs, as a dictionary.</summary>
    private async Task<Dictionary<string, long>> PerKeyAsync(string sql, List<string> caseIds)
    {
        await using var connection = new NpgsqlConnection(_cluster.Postgres);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand(sql, connection);
        read.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. caseIds] });
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var rows = await read.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            result[rows.GetString(0)] = rows.GetInt64(1);
        }

        return result;
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
        IReadOnlyList<string> BehindBefore, IReadOnlyList<string> BehindAt5, IReadOnlyList<string>? BehindAfterBack, IReadOnlyList<string> BehindAtEnd,
        TimeSpan CurrentAfterStop, int Acknowledged, IReadOnlyDictionary<string, int> Errors, long Events, IReadOnlyList<string> WrongOutcomes, int CasesHit,
        int FailuresBeforeKill)
    {
        /// <summary>Every watcher held the head before the kill, 5 s after it (the log's heads 1 s earlier), and when the writes stopped.</summary>
        public bool CurrentWithinFiveSeconds => BehindBefore.Count == 0 && BehindAt5.Count == 0 && BehindAtEnd.Count == 0;

        /// <summary>
        /// As <see cref="CurrentWithinFiveSeconds"/>, except that a kill whose failover itself took longer than 4 s (the
        /// cases could not be read, so no client could catch up) is held to being current 2 s after every case took
        /// writes again. The cluster's speed is the benchmark's to measure; a watcher that stays behind fails either way.
        /// </summary>
        public bool CurrentOnceReadable => BehindBefore.Count == 0 && BehindAtEnd.Count == 0
            && (BehindAt5.Count == 0 || (Failover > TimeSpan.FromSeconds(4) && BehindAfterBack is { Count: 0 }));

        /// <summary>Every answer told the truth about its write, and no write landed twice.</summary>
        public bool Honest => WrongOutcomes.Count == 0;

        /// <summary>The trial passes: strictly, every watcher current within 5 s of the kill; otherwise once its case can be read.</summary>
        public bool Passed(bool strict) => Honest && (strict ? CurrentWithinFiveSeconds : CurrentOnceReadable);

        public override string ToString()
        {
            var moment = DuringStartUp ? $"during start-up, {S(KillOffset)} s after its launch" : $"{S(KillOffset)} s after the restart";
            var back = Failover is { } f ? $"{S(f)} s" : "never";
            var errors = Errors.Count == 0 ? "none" : string.Join(", ", Errors.Select(e => $"{e.Key} ×{e.Value}"));
            var afterBack = BehindAfterBack is { } b ? $"{b.Count}" : "–";
            var text = $"trial {Trial}: silo{Victim} killed {moment}, hitting {CasesHit} of {Cases} cases; writes back after {back}; watchers behind before the kill: {BehindBefore.Count}, at 5 s: {BehindAt5.Count}, 2 s after the writes were back: {afterBack}, " +
                $"after the writes stopped: {BehindAtEnd.Count} ({S(CurrentAfterStop)} s); {Acknowledged} edits acknowledged, {Events} events, {WrongOutcomes.Count} wrong outcomes; answers: {errors} ({FailuresBeforeKill} of them to edits sent before the kill)";
            return Honest && CurrentWithinFiveSeconds ? text
                : $"{text}\n    before the kill: {Sample(BehindBefore)}\n    at 5 s: {Sample(BehindAt5)}\n    2 s after the writes were back: {Sample(BehindAfterBack ?? [])}\n    at the end: {Sample(BehindAtEnd)}\n    outcomes: {string.Join("; ", WrongOutcomes.Take(5))}";
        }

        /// <summary>A few of the pairs behind, and how many there are per watcher.</summary>
        private static string Sample(IReadOnlyList<string> behind) =>
            $"{string.Join(", ", behind.GroupBy(b => b.Split(" holds ")[0]).Select(g => $"{g.Key} ×{g.Count()}"))}: {string.Join("; ", behind.Take(3))}";

        private static string S(TimeSpan span) => span.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Edits at a steady rate, open loop (a call that hangs on a dead silo holds up no later one): every writer on every
    /// case, over REST and the hub, each lane at most a few edits in flight. Every edit has its own key (REST's
    /// Idempotency-Key, the hub's command id) and is sent again with it while its outcome is unknown; a REST edit whose
    /// every answer so far was "certainly not done" (503) is given up, a hub edit is sent again (as the web app does).
    /// </summary>
    private sealed class WriteLoad : IAsyncDisposable
    {
        private static readonly TimeSpan RetryWait = TimeSpan.FromMilliseconds(250);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _lanes = [];
        private readonly ConcurrentBag<Task> _calls = [];
        private readonly ConcurrentDictionary<string, int> _errors = new();
        private readonly ConcurrentBag<(string CaseId, string Key, long Sent, long Acked)> _acks = [];
        private readonly ConcurrentBag<string> _notDone = [];
        private readonly ConcurrentBag<(string CaseId, long Sent)> _failures = [];
        private readonly List<string> _caseIds;

        public WriteLoad(string trial, List<string> caseIds, List<HttpClient> rest, List<LiveClient> hub)
        {
            _caseIds = caseIds;
            var lane = 0;
            foreach (var caseId in caseIds)
            {
                foreach (var http in rest)
                {
                    var name = $"{trial}-r{lane++}";
                    _lanes.Add(RunLaneAsync(caseId, name, RestPerLane, retryNotDone: false, (key, ct) => RestEditAsync(http, caseId, key, ct)));
                }

                foreach (var client in hub)
                {
                    var name = $"{trial}-h{lane++}";
                    _lanes.Add(RunLaneAsync(caseId, name, HubPerLane, retryNotDone: true, (key, ct) => HubEditAsync(client, caseId, key, ct)));
                }
            }
        }

        /// <summary>What one attempt of an edit was told.</summary>
        private enum Answer
        {
            Acknowledged,
            NotDone,
            Unknown,
            Refused,
        }

        public int Acknowledged => _acks.Count;

        public IReadOnlyDictionary<string, int> Errors => _errors;

        /// <summary>The keys of the acknowledged edits.</summary>
        public IEnumerable<string> AcknowledgedKeys => _acks.Select(a => a.Key);

        /// <summary>The keys of edits whose every answer was "certainly not done" (503 / cluster.unavailable).</summary>
        public IEnumerable<string> NotDoneKeys => _notDone;

        /// <summary>How many cases had a write fail after <paramref name="killedAt"/>: the cases the kill hit.</summary>
        public int CasesFailingAfter(long killedAt) => _failures.Where(f => f.Sent > killedAt).Select(f => f.CaseId).Distinct().Count();

        /// <summary>How many attempts failed before <paramref name="killedAt"/> (there should be none).</summary>
        public int FailuresBefore(long killedAt) => _failures.Count(f => f.Sent <= killedAt);

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

        private async Task RunLaneAsync(string caseId, string name, double rate, bool retryNotDone, Func<string, CancellationToken, Task<(Answer Answer, string Kind)>> edit)
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
                    var key = $"{name}-{n++}";
                    _calls.Add(Task.Run(async () =>
                    {
                        try
                        {
                            await SendUntilAnsweredAsync(caseId, key, retryNotDone, edit);
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

        /// <summary>One edit: sent, and sent again with its key while its outcome is unknown (or, if asked, not done).</summary>
        private async Task SendUntilAnsweredAsync(string caseId, string key, bool retryNotDone, Func<string, CancellationToken, Task<(Answer Answer, string Kind)>> edit)
        {
            var onlyNotDone = true;
            while (!_stop.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                using var timeout = new CancellationTokenSource(CallTimeout);
                var (answer, kind) = await edit(key, timeout.Token);
                switch (answer)
                {
                    case Answer.Acknowledged:
                        _acks.Add((caseId, key, sent, Stopwatch.GetTimestamp()));
                        return;
                    case Answer.Refused:
                        Error(kind);
                        return;
                    case Answer.NotDone when !retryNotDone && onlyNotDone:
                        _failures.Add((caseId, sent));
                        Error(kind);
                        _notDone.Add(key);
                        return;
                    default:
                        _failures.Add((caseId, sent));
                        onlyNotDone &= answer == Answer.NotDone;
                        Error(kind);
                        await Task.WhenAny(Task.Delay(RetryWait, _stop.Token));
                        break;
                }
            }

            if (onlyNotDone)
            {
                _notDone.Add(key);
            }
        }

        private static async Task<(Answer, string)> RestEditAsync(HttpClient http, string caseId, string key, CancellationToken cancellationToken)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/goals") { Content = JsonContent.Create(new { code = "housing", text = key }) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request, cancellationToken);
                var status = (int)response.StatusCode;
                var code = response.IsSuccessStatusCode ? null : (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(cancellationToken))?["code"]?.GetValue<string>();
                return status switch
                {
                    < 300 => (Answer.Acknowledged, "ok"),
                    503 => (Answer.NotDone, $"REST 503 {code}"),
                    504 or 500 => (Answer.Unknown, $"REST {status} {code}"),
                    409 when code == "idempotency.in-progress" => (Answer.Unknown, $"REST 409 {code}"),
                    _ => (Answer.Refused, $"REST {status} {code}"),
                };
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
            {
                return (Answer.Unknown, $"REST {e.GetType().Name}");
            }
        }

        private static async Task<(Answer, string)> HubEditAsync(LiveClient client, string caseId, string key, CancellationToken cancellationToken)
        {
            try
            {
                var outcome = await client.ExecuteAsync(caseId, new AddGoal("housing", key), key, cancellationToken);
                return outcome.Error switch
                {
                    null => (Answer.Acknowledged, "ok"),
                    { Code: "cluster.unavailable" } => (Answer.NotDone, "hub cluster.unavailable"),
                    { Code: "outcome.unknown" or "idempotency.in-progress" or "server.error" } => (Answer.Unknown, $"hub {outcome.Error.Code}"),
                    _ => (Answer.Refused, $"hub {outcome.Error.Code}"),
                };
            }
            catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException)
            {
                return (Answer.Unknown, $"hub {(e is HubException ? e.Message.Split(':')[0] : e.GetType().Name)}");
            }
        }

        private void Error(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }
}
