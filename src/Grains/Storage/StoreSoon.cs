namespace CaseGrid.Grains.Storage;

/// <summary>
/// Stores a projection's state shortly after it changes, once for a burst of changes, and when the grain is deactivated.
/// For state that the cases send again (on activation and whenever their time is evaluated), so a change lost with a
/// silo in the short window heals: work lists, and a unit's case index and work. Never for what only the grain knows.
/// </summary>
internal sealed class StoreSoon(IGrainBase grain, Func<Task> store, TimeSpan within)
{
    private IGrainTimer? _timer;

    /// <summary>True while a change waits to be stored.</summary>
    public bool Pending => _timer is not null;

    /// <summary>A change was made: store within the window (one store for everything changed until then).</summary>
    public void Request() =>
        _timer ??= grain.RegisterGrainTimer(_ => FlushAsync(), new GrainTimerCreationOptions(within, Timeout.InfiniteTimeSpan));

    /// <summary>Store now what waits (on deactivation, or before a store of its own).</summary>
    public async Task FlushAsync()
    {
        if (_timer is null)
        {
            return;
        }

        _timer.Dispose();
        _timer = null;
        await store();
    }

    /// <summary>A store of the whole state happened anyway: nothing waits any more.</summary>
    public void Stored()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
