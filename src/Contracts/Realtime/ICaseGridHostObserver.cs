using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Contracts.Realtime;

/// <summary>
/// One per API host: the host's single observer, subscribed to the grains its clients watch. Every method is
/// one-way, so a grain never waits on a slow or dead host; a host that stops refreshing its subscription is forgotten.
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

    /// <summary>A line of a unit's board changed.</summary>
    [Alias("Board"), Orleans.Concurrency.OneWay]
    Task OnBoardAsync(string unitId, UnitCaseUpdate update);

    /// <summary>A user's work list changed: the whole list, with its version.</summary>
    [Alias("Work"), Orleans.Concurrency.OneWay]
    Task OnWorkAsync(string userId, Work.WorkList list);

    /// <summary>A user no longer works at a unit: their board connections must stop receiving.</summary>
    [Alias("StaffRemoved"), Orleans.Concurrency.OneWay]
    Task OnStaffRemovedAsync(string unitId, string userId);
}
