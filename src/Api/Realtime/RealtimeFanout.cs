using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Units;
using Microsoft.Extensions.Options;

namespace CaseGrid.Api.Realtime;

/// <summary>
/// Keeps this host subscribed, with its single observer, to every case and board that has a viewer here — the
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

    private ICaseGridHostObserver Reference => _reference.Value;

    /// <summary>A connection starts watching a group; subscribes the host when it is the group's first viewer here.</summary>
    public async Task JoinAsync(string group, string connectionId, string userId)
    {
        if (connections.Add(group, connectionId, userId))
        {
            await WatchAsync(group);
        }
    }

    /// <summary>A connection stops watching a group; unsubscribes the host when it was the last viewer here.</summary>
    public async Task LeaveAsync(string group, string connectionId)
    {
        if (connections.Remove(group, connectionId))
        {
            await SubscriptionAsync(group, watch: false);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RenewSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var group in connections.WatchedGroups)
            {
                try
                {
                    await WatchAsync(group);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A grain on a dying silo: the next round reaches its new activation.
                    LogRenewFailed(logger, e, group);
                }
            }
        }
    }

    private Task WatchAsync(string group) => SubscriptionAsync(group, watch: true);

    private Task SubscriptionAsync(string group, bool watch)
    {
        var (kind, id) = (group[..group.IndexOf(':', StringComparison.Ordinal)], group[(group.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        return (kind, watch) switch
        {
            ("case", true) => grains.Case(id).WatchAsync(Reference),
            ("case", false) => grains.Case(id).UnwatchAsync(Reference),
            (_, true) => grains.Unit(id).WatchAsync(Reference),
            _ => grains.Unit(id).UnwatchAsync(Reference),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the subscription to {Group}")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string group);
}
