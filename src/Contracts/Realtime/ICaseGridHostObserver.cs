using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Contracts.Realtime;

/// <summary>
/// One per API host: the host's single observer, subscribed to the grains its clients watch. Every method is
/// one-way, so a grain never waits on a slow or dead host; a host that stops refreshing its subscription is forgotten.
/// Heartbeats carry the heads of everything the host watches on a silo, so a lost push or a lost subscription shows.
/// </summary>
[Alias("casegrid.ICaseGridHostObserver")]
public interface ICaseGridHostObserver : IGrainObserver
{
    /// <summary>New events of a case, in version order, after they are durable: as each member may see them.</summary>
    [Alias("CaseEvents"), Orleans.Concurrency.OneWay]
    Task OnCaseEventsAsync(string caseId, Privacy.CaseBroadcast broadcast);

    /// <summary>Who is present in a case and which fields are locked, as of now.</summary>
    [Alias("Presence"), Orleans.Concurrency.OneWay]
    Task OnPresenceAsync(string caseId, CasePresence presence);

    /// <summary>A line of a unit's board changed; <paramref name="boardVersion"/> is the board's version after it.</summary>
    [Alias("Board"), Orleans.Concurrency.OneWay]
    Task OnBoardAsync(string unitId, UnitCaseUpdate update, long boardVersion);

    /// <summary>A user's work list changed: the whole list, with its version.</summary>
    [Alias("Work"), Orleans.Concurrency.OneWay]
    Task OnWorkAsync(string userId, Work.WorkList list);

    /// <summary>A user no longer works at a unit: their board connections must stop receiving.</summary>
    [Alias("StaffRemoved"), Orleans.Concurrency.OneWay]
    Task OnStaffRemovedAsync(string unitId, string userId);

    /// <summary>
    /// A watched grain's activation is going — deactivated because it was idle, or its silo is shutting down, or Orleans
    /// lost its directory registration with a silo that died: subscribe again, which activates it where it lives next.
    /// </summary>
    [Alias("Gone"), Orleans.Concurrency.OneWay]
    Task OnGoneAsync(LiveGroup group);

    /// <summary>The heads of the grains this host watches on the sending silo, sent every <see cref="LiveGroup.HeartbeatInterval"/>.</summary>
    [Alias("Heartbeat"), Orleans.Concurrency.OneWay]
    Task OnHeartbeatAsync(System.Collections.Immutable.ImmutableArray<WatchedHead> heads);
}
