using CaseGrid.Contracts.Realtime;

namespace CaseGrid.Grains.Realtime;

/// <summary>
/// One activation's watchers: the API hosts subscribed to it and its head. The grain subscribes and pushes on its own
/// turn; its silo's <see cref="LiveWatchers"/> reads the hosts and the head from another thread for the heartbeats.
/// </summary>
internal sealed class WatchedGroup(LiveGroup group, TimeProvider clock)
{
    private readonly Dictionary<ICaseGridHostObserver, DateTimeOffset> _hosts = [];
    private long _head;

    /// <summary>The grain, as its group.</summary>
    public LiveGroup Group { get; } = group;

    /// <summary>The latest version the grain has pushed (or has, when it has pushed nothing yet).</summary>
    public long Head
    {
        get => Volatile.Read(ref _head);
        set => Volatile.Write(ref _head, value);
    }

    /// <summary>Add or renew a host.</summary>
    public void Subscribe(ICaseGridHostObserver host)
    {
        lock (_hosts)
        {
            _hosts[host] = clock.GetUtcNow();
        }
    }

    /// <summary>Forget a host.</summary>
    public void Unsubscribe(ICaseGridHostObserver host)
    {
        lock (_hosts)
        {
            _hosts.Remove(host);
        }
    }

    /// <summary>Send to every host without waiting (the observer methods are one-way); a host not renewed within <paramref name="expiry"/> is dropped.</summary>
    public void Push(Func<ICaseGridHostObserver, Task> send, TimeSpan expiry)
    {
        foreach (var host in Live(expiry))
        {
            try
            {
                _ = send(host);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A host that cannot be reached is forgotten when its subscription expires; the others still get theirs.
            }
        }
    }

    /// <summary>The hosts renewed within <paramref name="expiry"/>; the others are forgotten.</summary>
    public IReadOnlyList<ICaseGridHostObserver> Live(TimeSpan expiry)
    {
        var now = clock.GetUtcNow();
        lock (_hosts)
        {
            List<ICaseGridHostObserver>? expired = null;
            foreach (var (host, renewed) in _hosts)
            {
                if (now - renewed > expiry)
                {
                    (expired ??= []).Add(host);
                }
            }

            foreach (var host in expired ?? [])
            {
                _hosts.Remove(host);
            }

            return [.. _hosts.Keys];
        }
    }
}
