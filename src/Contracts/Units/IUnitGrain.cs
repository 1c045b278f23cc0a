using System.Collections.Immutable;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.Units;

/// <summary>
/// A unit (prison, friomsorg office, municipality, NAV office), keyed by unit id. It owns its staff roster,
/// which is the domain state behind unit authorisation, and keeps an index of its current and incoming cases
/// that the cases update from their events.
/// </summary>
[Alias("casegrid.IUnitGrain")]
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>Create or rename the unit. Only a system administrator may (checked by the caller's role).</summary>
    [Alias("Define")]
    Task<DomainError?> DefineAsync(string name, Groups.Agency agency);

    /// <summary>The unit, or null when it has not been defined.</summary>
    [Alias("GetInfo"), Orleans.Concurrency.ReadOnly]
    Task<UnitInfo?> GetInfoAsync();

    /// <summary>The unit with staff and cases, for its staff.</summary>
    [Alias("Get"), Orleans.Concurrency.ReadOnly]
    Task<UnitView?> GetAsync();

    /// <summary>Add or update a staff member.</summary>
    [Alias("SetStaff")]
    Task<DomainError?> SetStaffAsync(UnitStaff staff);

    /// <summary>Remove a staff member.</summary>
    [Alias("RemoveStaff")]
    Task<DomainError?> RemoveStaffAsync(string userId);

    /// <summary>The unit and whether <paramref name="userId"/> works or leads here.</summary>
    [Alias("Resolve"), Orleans.Concurrency.ReadOnly]
    Task<UnitResolution> ResolveAsync(string userId);

    /// <summary>Apply a case's update to the index; older versions than the one held are ignored.</summary>
    [Alias("ObserveCase"), Orleans.Concurrency.OneWay]
    Task ObserveCaseAsync(UnitCaseUpdate update);

    /// <summary>
    /// Apply a case's list of this unit's staff who hold a responsibility in it; older versions are ignored. When one of
    /// them leaves (or rejoins) the staff, the unit tells those cases at once.
    /// </summary>
    [Alias("ObserveHoldings"), Orleans.Concurrency.OneWay]
    Task ObserveHoldingsAsync(UnitHoldingsUpdate update);

    /// <summary>
    /// The case was erased: its line goes, and no later update of it is taken (an update still in flight is ignored).
    /// Awaited, unlike <see cref="ObserveCaseAsync"/>, so an erasure knows the line is gone before it destroys the key.
    /// </summary>
    [Alias("ForgetCase")]
    Task ForgetCaseAsync(string caseId);

    /// <summary>The unit's current and incoming cases.</summary>
    [Alias("GetCases"), Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<UnitCaseEntry>> GetCasesAsync();

    /// <summary>Subscribe an API host to this unit's board changes; renew before the subscription expires.</summary>
    [Alias("Watch")]
    Task WatchAsync(Realtime.ICaseGridHostObserver host);

    /// <summary>End an API host's subscription.</summary>
    [Alias("Unwatch")]
    Task UnwatchAsync(Realtime.ICaseGridHostObserver host);
}
