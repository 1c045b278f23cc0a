using System.Collections.Frozen;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Realtime;

/// <summary>
/// Keeps this host subscribed, with its single observer, to every grain that has a viewer here — one subscription
/// per host and grain, never per connection, and no storage writes — and keeps every viewer sure of where it stands.
/// The grains' silos send their heads twice a second (<see cref="LiveGroup.HeartbeatInterval"/>); from them and from
/// what it pushed, this host tells each group's connections, at least once a second, the head they should hold and
/// whether the grain is live. A grain not heard of for three heartbeats is taken for lost — its silo died, or it was
/// activated again without this host — and is subscribed to again every second until it answers; its connections are
/// told meanwhile that their view may be stale, with the latest head known: for a case, read from its event log.
/// </summary>
public sealed partial class RealtimeFanout(
    IGrainFactory grains,
    HostObserver observer,
    ConnectionRegistry connections,
    LiveHeads heads,
    ICaseLogHeads caseLog,
    IHubContext<CaseHub, ICaseClient> hub,
    TimeProvider clock,
    IOptions<RealtimeOptions> options,
    ILogger<RealtimeFanout> logger) : BackgroundService
{
    /// <summary>How often the watched groups are looked over.</summary>
    public static readonly TimeSpan Tick = LiveGroup.HeartbeatInterval / 2;

    /// <summary>A grain not heard of for this long is taken for lost.</summary>
    public static readonly TimeSpan StaleAfter = LiveGroup.HeartbeatInterval * 3;

    /// <summary>The longest a group's connections go without a message: a quiet view is told it is current this often.</summary>
    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often a lost grain is subscribed to again.</summary>
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a head above what the connections hold may wait for its push before they are told of it.</summary>
    private static readonly TimeSpan PushGrace = Tick;

    /// <summary>How long a join waits for its group's subscription before it answers without it.</summary>
    private static readonly TimeSpan JoinWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RenewCallTimeout = TimeSpan.FromSeconds(3);
    private static readonly string CasePrefix = LiveGroup.CaseScope + ":";
    private const int RenewParallelism = 16;

    /// <summary>The grain behind each scope of group: a new kind of watched grain is one more line here.</summary>
    private static readonly FrozenDictionary<string, Func<IGrainFactory, string, IWatchedGrain>> Scopes = new Dictionary<string, Func<IGrainFactory, string, IWatchedGrain>>
    {
        [LiveGroup.CaseScope] = (g, id) => g.Case(id),
        [LiveGroup.BoardScope] = (g, id) => g.Unit(id),
        [LiveGroup.WorkScope] = (g, id) => g.WorkList(id),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Exactly one reference per host: two would each push to the same SignalR group and deliver every event twice.
    private readonly Lazy<ICaseGridHostObserver> _reference = new(() => grains.CreateObjectReference<ICaseGridHostObserver>(observer), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The last subscription change of each group still under way or waiting.</summary>
    private readonly Dictionary<string, SubscriptionChange> _changes = new(StringComparer.Ordinal);

    /// <summary>Renewals under way at once, so a round over thousands of groups does not send thousands of calls together.</summary>
    private readonly SemaphoreSlim _renewals = new(RenewParallelism);

    private ICaseGridHostObserver Reference => _reference.Value;

    /// <summary>Whether a scope names a kind of watched grain.</summary>
    public static bool IsWatchable(string scope) => Scopes.ContainsKey(scope);

    /// <summary>
    /// A connection starts watching a group; subscribes the host when it is the group's first viewer here. A subscription
    /// that fails (the grain's silo is dying) is made again once the grain is found not to beat.
    /// </summary>
    public async Task JoinAsync(string group, string connectionId, string userId)
    {
        if (connections.Add(group, connectionId, userId))
        {
            heads.Track(group);
            try
            {
                await ChangeQuietlyAsync(group).WaitAsync(JoinWait);
            }
            catch (TimeoutException)
            {
                // The join goes on without it (SignalR runs one call per connection at a time, so every later call of the
                // connection would wait too): the subscription lands when the grain answers, and until then the group is
                // not heard of, so its connections are told it is not live and it is renewed every second.
                LogJoinWithoutSubscription(logger, LiveGroup.Parse(group).Scope, (long)JoinWait.TotalMilliseconds);
            }
        }
    }

    /// <summary>A connection stops watching a group; unsubscribes the host when it was the last viewer here (or the grain forgets it in two minutes).</summary>
    public async Task LeaveAsync(string group, string connectionId)
    {
        if (connections.Remove(group, connectionId))
        {
            heads.Untrack(group);
            await ChangeQuietlyAsync(group);
        }
    }

    private async Task ChangeQuietlyAsync(string group)
    {
        try
        {
            await ChangeSubscriptionAsync(group);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRenewFailed(logger, e, LiveGroup.Parse(group).Scope);
        }
    }

    /// <summary>
    /// Subscribe or unsubscribe the host as the group's viewers here stand when the call goes out. The changes of one
    /// group go one after another: a last viewer's unsubscribe still in flight could otherwise reach the grain after
    /// a new first viewer's subscribe, leaving that viewer without pushes. At most one change per group waits behind the
    /// one under way, and later requests share it: it reads the viewers when it starts, so it serves them all. Without
    /// that, a grain that does not answer (each call waiting out Orleans' response timeout) while renewals keep coming
    /// would grow the line faster than it drains, and a join would wait at its end.
    /// </summary>
    private Task ChangeSubscriptionAsync(string group)
    {
        lock (_changes)
        {
            if (_changes.TryGetValue(group, out var last) && !last.Started)
            {
                return last.Done;
            }

            var change = new SubscriptionChange();
            var previous = last?.Done ?? Task.CompletedTask;
            change.Done = previous.ContinueWith(
                _ =>
                {
                    change.Start();
                    return SubscriptionAsync(group);
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default).Unwrap();
            _changes[group] = change;
            _ = change.Done.ContinueWith(
                _ =>
                {
                    lock (_changes)
                    {
                        if (_changes.GetValueOrDefault(group) == change)
                        {
                            _changes.Remove(group);
                        }
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return change.Done;
        }
    }

    /// <summary>One subscription change of a group: queued until the one before it is done, then started.</summary>
    private sealed class SubscriptionChange
    {
        private int _started;

        public Task Done { get; set; } = Task.CompletedTask;

        /// <summary>Whether it has started, and so may have read the viewers already.</summary>
        public bool Started => Volatile.Read(ref _started) == 1;

        /// <summary>A full fence: a viewer added before a request that saw it queued is read by it.</summary>
        public void Start() => Interlocked.Exchange(ref _started, 1);
    }

    private async Task SubscriptionAsync(string group)
    {
        var live = LiveGroup.Parse(group);
        var grain = Scopes[live.Scope](grains, live.Id);
        if (connections.Watchers(group).Count > 0)
        {
            heads.Subscribed(group, await grain.WatchAsync(Reference));
        }
        else
        {
            await grain.UnwatchAsync(Reference);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _renewals.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renewEvery = TimeSpan.FromSeconds(options.Value.RenewSeconds);
        var renewedAt = clock.GetTimestamp();
        using var timer = new PeriodicTimer(Tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await LookOverAsync();
                if (clock.GetElapsedTime(renewedAt) >= renewEvery)
                {
                    // The grains forget a host that stops renewing; this keeps every subscription fresh.
                    renewedAt = clock.GetTimestamp();
                    foreach (var (group, entry) in heads.All)
                    {
                        Renew(group, entry, renewedAt);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One look over every watched group: renew what is lost, tell connections what they lack, and tell quiet ones they are current.</summary>
    private async Task LookOverAsync()
    {
        var now = clock.GetTimestamp();
        List<(string Group, LiveHeads.Entry Entry)>? lostCases = null;
        foreach (var (group, entry) in heads.All)
        {
            var live = clock.GetElapsedTime(entry.HeardAt, now) < StaleAfter;
            if (entry.RenewalRequested && Renew(group, entry, now))
            {
                // Its activation went: subscribed again at once, which activates it where it lives next.
                entry.RenewalStarted();
            }

            if (!live && clock.GetElapsedTime(entry.TriedAt, now) >= RetryInterval)
            {
                Renew(group, entry, now);
                if (group.StartsWith(CasePrefix, StringComparison.Ordinal))
                {
                    (lostCases ??= []).Add((group, entry));
                }
            }

            entry.MarkAhead(now);
            // A head above what was pushed waits a moment for its push, unless the grain is lost and no push will come.
            var ahead = entry.AheadSince != 0 && (!live || clock.GetElapsedTime(entry.AheadSince, now) >= PushGrace);
            if (ahead || live != entry.WasLive || clock.GetElapsedTime(entry.SentAt, now) >= PingInterval)
            {
                entry.WasLive = live;
                var head = Math.Max(entry.Head, entry.Told);
                entry.Tell(head, now);
                var (scope, id) = LiveGroup.Parse(group);
                try
                {
                    await hub.Clients.Group(group).Heartbeat(scope, id, head, live);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogHeartbeatFailed(logger, e, scope);
                }
            }
        }

        if (lostCases is not null)
        {
            _ = ReadLostCasesAsync(lostCases);
        }
    }

    /// <summary>The heads of cases whose grains are lost, from their event log: the next look tells their viewers.</summary>
    private async Task ReadLostCasesAsync(List<(string Group, LiveHeads.Entry Entry)> lost)
    {
        try
        {
            using var bounded = new CancellationTokenSource(RenewCallTimeout);
            var read = await caseLog.ReadAsync([.. lost.Select(l => l.Group[CasePrefix.Length..])], bounded.Token);
            foreach (var (group, _) in lost)
            {
                if (read.TryGetValue(group[CasePrefix.Length..], out var head))
                {
                    heads.Subscribed(group, head);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogLogHeadsFailed(logger, e);
        }
    }

    /// <summary>Subscribe to a group's grain again, bounded, a few groups at a time, unless a renewal of it is under way.</summary>
    private bool Renew(string group, LiveHeads.Entry entry, long now)
    {
        if (!entry.TryStartRenewal(now))
        {
            return false;
        }

        _ = Task.Run(async () =>
        {
            await _renewals.WaitAsync();
            try
            {
                await ChangeSubscriptionAsync(group).WaitAsync(RenewCallTimeout);
            }
            catch (Exception e)
            {
                // A grain on a dying silo: the next try reaches its new activation.
                LogRenewFailed(logger, e, LiveGroup.Parse(group).Scope);
            }
            finally
            {
                _renewals.Release();
                entry.RenewalDone();
            }
        });
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to or renew a live group ({Scope})")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A join went on without its subscription to a live group ({Scope}), which took over {Milliseconds} ms")]
    private static partial void LogJoinWithoutSubscription(ILogger logger, string scope, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the heads of lost cases from the event log")]
    private static partial void LogLogHeadsFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send a heartbeat to a live group ({Scope})")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, string scope);
}
