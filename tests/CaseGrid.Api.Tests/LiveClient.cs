using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaseGrid.Api.Realtime;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Units;
using CaseGrid.Contracts.Work;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CaseGrid.Api.Tests;

/// <summary>
/// A member's browser, as the real .NET SignalR client over WebSockets: it keeps one event per version (pushed or
/// caught up), in order, and lets a test await a version, a presence or the end of its access.
/// </summary>
public sealed class LiveClient : IAsyncDisposable
{
    /// <summary>The longest a hub call waits for its answer: a server that never answers fails the test, not the run.</summary>
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, SortedDictionary<long, CaseEventRecord>> _events = new();
    private readonly ConcurrentQueue<(string CaseId, long Version)> _arrivals = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly ConcurrentDictionary<string, long> _heads = new();
    private readonly ConcurrentDictionary<string, long> _gapSince = new();
    private readonly ConcurrentDictionary<string, byte> _rejoining = new();
    private readonly ConcurrentDictionary<string, byte> _joined = new();
    private readonly CancellationTokenSource _stop = new();
    private int _rejoins;
    private int _followWork;
    private int _workRejoining;

    private LiveClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<string, ImmutableArray<CaseEventRecord>>(nameof(ICaseClient.CaseEvents), (caseId, events) => Receive(caseId, events));
        connection.On<string, string, long, bool>(nameof(ICaseClient.Heartbeat), (scope, id, head, live) => Changed(() =>
        {
            Heartbeats.Enqueue((scope, id, head, live));
            if (scope == "case")
            {
                _heads.AddOrUpdate(id, head, (_, held) => Math.Max(held, head));
            }
            else if (scope == "work" && Volatile.Read(ref _followWork) == 1 && head > (Work?.Version ?? 0) && Interlocked.Exchange(ref _workRejoining, 1) == 0)
            {
                // Behind: read the list again (docs/realtime.md, "Heartbeats"), one read at a time.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await JoinWorkAsync();
                    }
                    catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException)
                    {
                    }
                    finally
                    {
                        Volatile.Write(ref _workRejoining, 0);
                    }
                });
            }
        }));
        connection.On<string, CasePresence>(nameof(ICaseClient.Presence), (caseId, presence) => Changed(() => LastPresence = presence));
        connection.On<string, UnitCaseUpdate>(nameof(ICaseClient.BoardChanged), (unitId, update) => Changed(() => BoardUpdates.Add(update)));
        connection.On<string, string, string>(nameof(ICaseClient.AccessEnded), (scope, id, reason) => Changed(() => AccessEnded.Add($"{scope}:{id}:{reason}")));
        connection.On<WorkList>(nameof(ICaseClient.WorkChanged), list => Changed(() => Receive(list)));
    }

    public static JsonSerializerOptions Json { get; } = CreateJson();

    public HubConnection Connection { get; }

    public CasePresence? LastPresence { get; private set; }

    public ConcurrentBag<UnitCaseUpdate> BoardUpdates { get; } = [];

    public ConcurrentBag<string> AccessEnded { get; } = [];

    /// <summary>The heartbeats received, in order.</summary>
    public ConcurrentQueue<(string Scope, string Id, long Head, bool Live)> Heartbeats { get; } = new();

    /// <summary>How often a follower joined a case again to fill a gap or reach a head it was told of.</summary>
    public int Rejoins => Volatile.Read(ref _rejoins);

    /// <summary>The newest work list seen (joined or pushed): a push with a lower version than held is ignored, as the app does.</summary>
    public WorkList? Work { get; private set; }

    /// <summary>How many work-list pushes arrived.</summary>
    public int WorkPushes { get; private set; }

    /// <summary>Versions in the order they arrived (pushed or caught up), duplicates included.</summary>
    public IReadOnlyList<(string CaseId, long Version)> Arrivals => [.. _arrivals];

    public static async Task<LiveClient> ConnectAsync(TestServer server, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, CaseHub.Path.TrimStart('/')), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var ws = server.CreateWebSocketClient();
                    ws.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {token}";
                    return await ws.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Json)
            .Build();
        var client = new LiveClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Connect over a real network connection to a running host.</summary>
    public static async Task<LiveClient> ConnectAsync(Uri host, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host, CaseHub.Path.TrimStart('/')), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .WithAutomaticReconnect()
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Json)
            .Build();
        var client = new LiveClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Join a case from <paramref name="afterVersion"/> and keep what was missed.</summary>
    public async Task<CaseJoined> JoinCaseAsync(string caseId, long afterVersion = 0)
    {
        using var bounded = new CancellationTokenSource(CallLimit);
        var joined = await Connection.InvokeAsync<CaseJoined>(nameof(CaseHub.JoinCase), caseId, afterVersion, bounded.Token);
        _joined[caseId] = 0;
        Receive(caseId, joined.Events);
        return joined;
    }

    /// <summary>Send a command over the hub, with a command id when given.</summary>
    public async Task<CommandOutcome> ExecuteAsync(string caseId, CaseCommand command, string? commandId = null, CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(CallLimit);
        return await Connection.InvokeAsync<CommandOutcome>(nameof(CaseHub.Execute), caseId, command.GetType().Name, JsonSerializer.SerializeToElement(command, command.GetType(), Json), commandId, bounded.Token);
    }

    /// <summary>
    /// Follow the catch-up rule of docs/realtime.md as a real client does, until disposed: a gap that has not filled
    /// within <paramref name="gapWait"/>, or a heartbeat naming a head above the last version applied, makes it join
    /// the case again from that version.
    /// </summary>
    public void FollowCatchUpRule(TimeSpan gapWait) => _ = Task.Run(async () =>
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (await tick.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
        {
            foreach (var caseId in _joined.Keys)
            {
                var applied = AppliedVersionOf(caseId);
                var gapped = VersionOf(caseId) > applied;
                var since = gapped ? _gapSince.GetOrAdd(caseId, _ => Stopwatch.GetTimestamp()) : 0;
                if (!gapped)
                {
                    _gapSince.TryRemove(caseId, out _);
                }

                var behind = _heads.TryGetValue(caseId, out var head) && head > applied;
                if ((behind || (gapped && Stopwatch.GetElapsedTime(since) >= gapWait)) && _rejoining.TryAdd(caseId, 0))
                {
                    _ = RejoinAsync(caseId, applied);
                }
            }
        }
    });

    /// <summary>Stop following a case (it was left).</summary>
    public void Forget(string caseId)
    {
        _joined.TryRemove(caseId, out _);
        _events.TryRemove(caseId, out _);
        _heads.TryRemove(caseId, out _);
        _gapSince.TryRemove(caseId, out _);
    }

    /// <summary>Join the caller's own work list and keep it current from the pushes.</summary>
    public async Task<WorkJoined> JoinWorkAsync()
    {
        using var bounded = new CancellationTokenSource(CallLimit);
        var joined = await Connection.InvokeAsync<WorkJoined>(nameof(CaseHub.JoinWork), bounded.Token);
        Changed(() => Receive(new WorkList(joined.UserId, joined.Version, joined.Items), pushed: false));
        return joined;
    }

    /// <summary>Follow the heartbeats of the work list as a real client does: a head above the version held reads the list again.</summary>
    public void FollowWorkHeartbeats() => Volatile.Write(ref _followWork, 1);

    /// <summary>Completes when the client's work list satisfies <paramref name="condition"/>.</summary>
    public Task WaitForWorkAsync(Func<WorkList, bool> condition, string what) =>
        WaitAsync(() => Work is { } list && condition(list), what);

    /// <summary>The events held for a case, one per version, in order.</summary>
    public IReadOnlyList<CaseEventRecord> EventsOf(string caseId)
    {
        var events = _events.GetOrAdd(caseId, _ => []);
        lock (events)
        {
            return [.. events.Values];
        }
    }

    public long VersionOf(string caseId) => EventsOf(caseId) is { Count: > 0 } events ? events[^1].Version : 0;

    /// <summary>
    /// The catch-up watermark of docs/realtime.md: the highest version up to which the client holds every event.
    /// A push lost in a failure leaves a gap above it, which rejoining from here fills.
    /// </summary>
    public long AppliedVersionOf(string caseId)
    {
        var applied = 0L;
        foreach (var e in EventsOf(caseId))
        {
            if (e.Version != applied + 1)
            {
                break;
            }

            applied = e.Version;
        }

        return applied;
    }

    /// <summary>Completes when the client holds <paramref name="version"/> of the case (tests check for gaps themselves).</summary>
    public Task WaitForVersionAsync(string caseId, long version) =>
        WaitAsync(() => VersionOf(caseId) >= version, $"version {version} of {caseId}");

    /// <summary>Completes when <paramref name="condition"/> holds, checked on every message; fails after ten seconds.</summary>
    public async Task WaitAsync(Func<bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((condition, done));
        }

        Changed(() => { });
        try
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The client never saw {what}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Connection.DisposeAsync();
        _stop.Dispose();
    }

    private async Task RejoinAsync(string caseId, long applied)
    {
        try
        {
            Interlocked.Increment(ref _rejoins);
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var joined = await Connection.InvokeAsync<CaseJoined>(nameof(CaseHub.JoinCase), caseId, applied, bounded.Token);
            Receive(caseId, joined.Events);
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException)
        {
            // The grain is not reachable yet (a silo is dying): the next round tries again.
        }
        finally
        {
            _rejoining.TryRemove(caseId, out _);
        }
    }

    private void Receive(string caseId, ImmutableArray<CaseEventRecord> events) => Changed(() =>
    {
        var held = _events.GetOrAdd(caseId, _ => []);
        lock (held)
        {
            foreach (var e in events)
            {
                _arrivals.Enqueue((caseId, e.Version));
                held[e.Version] = e;
            }
        }
    });

    private void Receive(WorkList list, bool pushed = true)
    {
        WorkPushes += pushed ? 1 : 0;
        if (Work is null || list.Version > Work.Version)
        {
            Work = list;
        }
    }

    private void Changed(Action apply)
    {
        apply();
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Condition()).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
