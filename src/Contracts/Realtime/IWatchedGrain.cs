namespace CaseGrid.Contracts.Realtime;

/// <summary>
/// A grain that API hosts watch for their live connections (a case, a unit's board, a user's work list). Each host
/// subscribes its one observer; the grain pushes changes one-way, and its silo sends every watching host the grain's
/// head twice a second, so a host knows at once when a push was lost or its subscription is gone.
/// </summary>
[Alias("casegrid.IWatchedGrain")]
public interface IWatchedGrain : IGrainWithStringKey
{
    /// <summary>Subscribe (or renew) an API host; answers the grain's head now. A host not renewed for two minutes is forgotten.</summary>
    [Alias("Watch")]
    Task<long> WatchAsync(ICaseGridHostObserver host);

    /// <summary>End an API host's subscription.</summary>
    [Alias("Unwatch")]
    Task UnwatchAsync(ICaseGridHostObserver host);
}
