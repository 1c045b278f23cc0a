using System.Diagnostics;
using System.Threading.Channels;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Units;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Realtime;

/// <summary>
/// Keeps this host subscribed, with its single observer, to every case, board and work list that has a viewer here — the
/// GPSTracker pattern: one subscription per host and grain, never per connection, and no storage writes.
/// </summary>
public sealed partial class RealtimeFanout(
    IGrainFactory grains,
    HostObserver observer,
    ConnectionRegistry connections,
    IOptions<RealtimeOptions> options,
    ILogger<RealtimeFanout> logger) : BackgroundService
{
    // Exactly one reference per host: two would each push to the same SignalR group and deliver every event twice.
    private readonly Lazy<ICaseGridHostObserver> _reference = new(() => grains.CreateObjectReference<ICaseGridHostObserver>(observer), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly TimeSpan FastInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FastWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RenewCallTimeout = TimeSpan.FromSeconds(3);
    private const int RenewParallelism = 16;

    private readonly Channel<bool> _soon = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The last subscription change of each group still under way.</summary>
    private readonly Dictionary<string, Task> _changes = new(StringComparer.Ordinal);

    private ICaseGridHostObserver Reference => _reference.Value;

    /// <summary>A connection starts watching a group; subscribes the host when it is the group's first viewer here.</summary>
    public async Task JoinAsync(string group, string connectionId, string userId)
    {
        if (connections.Add(group, connectionId, userId))
        {
            await ChangeSubscriptionAsync(group);
        }
    }

    /// <summary>A connection stops watching a group; unsubscribes the host when it was the last viewer here.</summary>
    public async Task LeaveAsync(string group, string connectionId)
    {
        if (connections.Remove(group, connectionId))
        {
            await ChangeSubscriptionAsync(group);
        }
    }

    /// <summary>
    /// Subscribe or unsubscribe the host as the group's viewers here stand when the call goes out. The changes of one
    /// group go one after another: a last viewer's unsubscribe still in flight could otherwise reach the grain after
    /// a new first viewer's subscribe, leaving that viewer without pushes.
    /// </summary>
    private Task ChangeSubscriptionAsync(string group)
    {
        lock (_changes)
        {
            var previous = _changes.GetValueOrDefault(group, Task.CompletedTask);
            var change = previous.ContinueWith(_ => SubscriptionAsync(group, watch: connections.Watchers(group).Count > 0), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            _changes[group] = change;
            _ = change.ContinueWith(
                done =>
                {
                    lock (_changes)
                    {
                        if (_changes.GetValueOrDefault(group) == done)
                        {
                            _changes.Remove(group);
                        }
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return change;
        }
    }

    /// <summary>
    /// Renew every subscription now, and then every second until a round reaches every grain: a silo died or joined,
    /// so grains this host watches may be reactivating elsewhere without its subscription.
    /// </summary>
    public void RenewSoon() => _soon.Writer.TryWrite(true);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.RenewSeconds);
        long? fastSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await NudgedAsync(fastSince is null ? period : FastInterval, stoppingToken))
            {
                fastSince = Stopwatch.GetTimestamp();
            }

            var missed = await RenewAllAsync(stoppingToken);
            if (fastSince is { } since && (missed == 0 || Stopwatch.GetElapsedTime(since) > FastWindow))
            {
                fastSince = null;
            }
        }
    }

    /// <summary>Wait out the interval; true when a renewal was asked for before it ended.</summary>
    private async Task<bool> NudgedAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(interval);
        try
        {
            return await _soon.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Renew every watched group, several at once, each call bounded so a dying silo holds up none of the others; returns how many failed.</summary>
    private async Task<int> RenewAllAsync(CancellationToken stoppingToken)
    {
        var missed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = RenewParallelism, CancellationToken = stoppingToken };
        await Parallel.ForEachAsync(connections.WatchedGroups, parallel, async (group, _) =>
        {
            try
            {
                await WatchAsync(group).WaitAsync(RenewCallTimeout, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A grain on a dying silo: a later round reaches its new activation.
                Interlocked.Increment(ref missed);
                LogRenewFailed(logger, e, group);
            }
        });
        return missed;
    }

    private Task WatchAsync(string group) => SubscriptionAsync(group, watch: true);

    private Task SubscriptionAsync(string group, bool watch)
    {
        var (kind, id) = (group[..group.IndexOf(':', StringComparison.Ordinal)], group[(group.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        return (kind, watch) switch
        {
            ("case", true) => grains.Case(id).WatchAsync(Reference),
            ("case", false) => grains.Case(id).UnwatchAsync(Reference),
            ("work", true) => grains.WorkList(id).WatchAsync(Reference),
            ("work", false) => grains.WorkList(id).UnwatchAsync(Reference),
            (_, true) => grains.Unit(id).WatchAsync(Reference),
            _ => grains.Unit(id).UnwatchAsync(Reference),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the subscription to {Group}")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string group);
}
