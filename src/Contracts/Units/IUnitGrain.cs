using System.Collections.Immutable;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.Units;

/// <summary>
/// A unit (prison, friomsorg office, municipality, NAV office), keyed by unit id. It owns its staff roster,
/// which is the domain state behind unit authorisation, and keeps an index of its current and incoming cases
/// that the cases update from their events.
/// </summary>
[Alias("casegrid.IUnitGrain")]
public interface IUnitGrain : Realtime.IWatchedGrain
{
    /// <summary>Create or rename the unit, and record its municipality. Only a system administrator may (checked by the caller's role).</summary>
    [Alias("Define")]
    Task<DomainError?> DefineAsync(string name, Groups.Agency agency, string? municipality);

    /// <summary>
    /// The unit, or null when it has not been defined. Answered between other calls, so a case that needs a unit's name
    /// never waits behind the updates queued at a busy unit.
    /// </summary>
    [Alias("GetInfo"), Orleans.Concurrency.AlwaysInterleave]
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

    /// <summary>
    /// The unit and whether <paramref name="userId"/> works or leads here. Answered between other calls, so a command on a
    /// case never waits behind the updates queued at a busy unit; it sees the roster as the last change left it.
    /// </summary>
    [Alias("Resolve"), Orleans.Concurrency.AlwaysInterleave]
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

    /// <summary>The unit's board: its lines now and the board's version, which grows with every change pushed.</summary>
    [Alias("GetBoard"), Orleans.Concurrency.ReadOnly]
    Task<UnitBoard> GetBoardAsync();

    /// <summary>The board lines of those of <paramref name="caseIds"/> the unit has in its index.</summary>
    [Alias("GetCaseLines"), Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<UnitCaseEntry>> GetCaseLinesAsync(ImmutableArray<string> caseIds);

    /// <summary>
    /// Apply a case's work items for this unit (older versions than the one held are ignored) and tell every staff
    /// member — or only the leaders, for leaders' items — whose list changed.
    /// </summary>
    [Alias("ObserveCaseWork"), Orleans.Concurrency.OneWay]
    Task ObserveCaseWorkAsync(Work.UnitCaseWork work);

    /// <summary>Send <paramref name="userId"/>'s list a snapshot of what the unit has for them (a list that saw a gap asks for it).</summary>
    [Alias("ResendWork"), Orleans.Concurrency.OneWay]
    Task ResendWorkAsync(string userId);
}
