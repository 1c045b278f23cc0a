using CaseGrid.Contracts.Realtime;

namespace CaseGrid.Grains.Realtime;

/// <summary>
/// A grain API hosts watch for their live connections. It keeps the hosts subscribed to this activation, pushes to
/// them, and states its head, which its silo's heartbeats carry to every watching host. A new kind of watched grain
/// derives from it, names its <see cref="Group"/> and <see cref="Head"/>, and calls <see cref="Publish"/> after each change.
/// </summary>
internal abstract class WatchedGrain(LiveWatchers watchers) : Grain, IWatchedGrain
{
    private WatchedGroup? _watched;

    /// <summary>The group this grain's watchers are in.</summary>
    protected abstract LiveGroup Group { get; }

    /// <summary>The version the watchers hold once they have every push so far.</summary>
    protected abstract long Head { get; }

    public Task<long> WatchAsync(ICaseGridHostObserver host)
    {
        _watched ??= watchers.Open(Group);
        _watched.Subscribe(host);
        _watched.Head = Head;
        return Task.FromResult(Head);
    }

    public Task UnwatchAsync(ICaseGridHostObserver host)
    {
        _watched?.Unsubscribe(host);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_watched is { } watched)
        {
            // The hosts subscribe again at once rather than when they miss this activation's heartbeats: a watched case
            // goes, for one, when a silo that dies held its directory registration, though it lived elsewhere.
            var group = Group;
            watched.Push(host => host.OnGoneAsync(group), LiveWatchers.Expiry);
            watchers.Close(watched);
            _watched = null;
        }

        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Whether any API host watches this grain now (a push can be skipped, but not the head: see <see cref="Publish"/>).</summary>
    protected bool IsWatched => _watched is not null;

    /// <summary>Send to every watching host without waiting; then the heartbeats carry the new head.</summary>
    protected void Publish(Func<ICaseGridHostObserver, Task> send)
    {
        if (_watched is { } watched)
        {
            watched.Push(send, LiveWatchers.Expiry);
            watched.Head = Head;
        }
    }
}
