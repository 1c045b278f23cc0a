using System.Collections.Concurrent;
using System.Collections.Immutable;
using CaseGrid.Contracts.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CaseGrid.Grains.Realtime;

/// <summary>
/// The watched grains active on this silo and the API hosts subscribed to each. Every
/// <see cref="LiveGroup.HeartbeatInterval"/> it sends each host one message with the heads of everything the host
/// watches here: the heartbeat by which a host sees a lost push (a head above what it forwarded) and a lost
/// subscription (a grain it no longer hears of: its silo died, or it was activated again without the host).
/// </summary>
internal sealed partial class LiveWatchers(TimeProvider clock, ILogger<LiveWatchers> logger) : BackgroundService
{
    /// <summary>A host that has not renewed its subscription for this long is forgotten (it renews every few seconds).</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    /// <summary>The most heads one heartbeat message carries.</summary>
    private const int MaxHeadsPerMessage = 2000;

    private readonly ConcurrentDictionary<WatchedGroup, byte> _groups = new(ReferenceEqualityComparer.Instance);

    /// <summary>The watchers of an activation, from its first subscriber until it is deactivated.</summary>
    public WatchedGroup Open(LiveGroup group)
    {
        var watched = new WatchedGroup(group, clock);
        _groups[watched] = 0;
        return watched;
    }

    /// <summary>The activation is going: its hosts hear no more of it here, and take it up where it is activated next.</summary>
    public void Close(WatchedGroup watched) => _groups.TryRemove(watched, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LiveGroup.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Beat();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One heartbeat: per host, the heads of the grains it watches on this silo.</summary>
    internal void Beat()
    {
        var byHost = new Dictionary<ICaseGridHostObserver, List<WatchedHead>>();
        foreach (var watched in _groups.Keys)
        {
            var head = new WatchedHead(watched.Group, watched.Head);
            foreach (var host in watched.Live(Expiry))
            {
                if (!byHost.TryGetValue(host, out var heads))
                {
                    byHost[host] = heads = [];
                }

                heads.Add(head);
            }
        }

        foreach (var (host, heads) in byHost)
        {
            foreach (var chunk in heads.Chunk(MaxHeadsPerMessage))
            {
                try
                {
                    _ = host.OnHeartbeatAsync(ImmutableArray.Create(chunk));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogHeartbeatFailed(logger, e);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A heartbeat to an API host could not be sent")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);
}
