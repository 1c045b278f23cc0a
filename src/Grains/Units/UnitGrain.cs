using System.Collections.Immutable;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Units;
using CaseGrid.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Utilities;

namespace CaseGrid.Grains.Units;

/// <summary>A unit: its staff roster (the basis of unit authorisation) and its index of current and incoming cases.</summary>
internal sealed partial class UnitGrain(
    [PersistentState("unit", UnitGrain.StorageName)] IPersistentState<UnitGrainState> state,
    ILogger<UnitGrain> logger) : Grain, IUnitGrain
{
    /// <summary>The grain storage provider CaseGrid's grains persist to.</summary>
    public const string StorageName = "casegrid";

    private readonly ObserverManager<ICaseGridHostObserver> _hosts = new(TimeSpan.FromMinutes(2), logger);

    private string UnitId => this.GetPrimaryKeyString();

    public Task WatchAsync(ICaseGridHostObserver host)
    {
        _hosts.Subscribe(host, host);
        return Task.CompletedTask;
    }

    public Task UnwatchAsync(ICaseGridHostObserver host)
    {
        _hosts.Unsubscribe(host);
        return Task.CompletedTask;
    }

    public async Task<DomainError?> DefineAsync(string name, Agency agency)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return new DomainError(ErrorKind.BadRequest, "unit.name", "A unit needs a name of at most 200 characters.");
        }

        if (!Enum.IsDefined(agency) || agency == Agency.Person)
        {
            return new DomainError(ErrorKind.BadRequest, "unit.agency", "A unit is a prison, friomsorg office, municipality, NAV office, health service, school, NGO or other agency.");
        }

        if (state.State.Name is not null && state.State.Agency != agency)
        {
            return new DomainError(ErrorKind.Conflict, "unit.agency-fixed", $"Unit '{UnitId}' is a {state.State.Agency} unit; its kind cannot change.");
        }

        state.State.Name = name;
        state.State.Agency = agency;
        await state.WriteStateAsync();
        return null;
    }

    public Task<UnitInfo?> GetInfoAsync() => Task.FromResult(Info);

    public Task<UnitView?> GetAsync() => Task.FromResult(Info is { } info
        ? new UnitView(info, [.. state.State.Staff.Values.OrderBy(s => s.DisplayName, StringComparer.Ordinal)], SortedCases())
        : null);

    public async Task<DomainError?> SetStaffAsync(UnitStaff staff)
    {
        if (Info is null)
        {
            return new DomainError(ErrorKind.NotFound, "unit.not-found", $"Unit '{UnitId}' does not exist.");
        }

        if (staff is null || !CaseGridIds.IsValid(staff.UserId) || string.IsNullOrWhiteSpace(staff.DisplayName) || staff.DisplayName.Length > 200)
        {
            return new DomainError(ErrorKind.BadRequest, "staff.invalid", "Staff need a valid user id and a name of at most 200 characters.");
        }

        var returning = !state.State.Staff.ContainsKey(staff.UserId);
        state.State.Staff[staff.UserId] = staff;
        await state.WriteStateAsync();
        if (returning)
        {
            TellHoldings(staff.UserId);
        }

        return null;
    }

    public async Task<DomainError?> RemoveStaffAsync(string userId)
    {
        if (!state.State.Staff.Remove(userId))
        {
            return new DomainError(ErrorKind.NotFound, "staff.not-found", $"'{userId}' does not work at '{UnitId}'.");
        }

        await state.WriteStateAsync();
        _hosts.Push(host => host.OnStaffRemovedAsync(UnitId, userId));
        TellHoldings(userId);
        return null;
    }

    public async Task ObserveHoldingsAsync(UnitHoldingsUpdate update)
    {
        if (update is null || update.CaseVersion < state.State.HoldingVersions.GetValueOrDefault(update.CaseId))
        {
            return;
        }

        state.State.HoldingVersions[update.CaseId] = update.CaseVersion;
        var holders = update.UserIds.IsDefault ? [] : update.UserIds;
        foreach (var (userId, cases) in state.State.Holdings.Where(h => h.Value.Contains(update.CaseId) && !holders.Contains(h.Key)).ToList())
        {
            cases.Remove(update.CaseId);
            if (cases.Count == 0)
            {
                state.State.Holdings.Remove(userId);
            }
        }

        foreach (var userId in holders)
        {
            if (!state.State.Holdings.TryGetValue(userId, out var cases))
            {
                state.State.Holdings[userId] = cases = new HashSet<string>(StringComparer.Ordinal);
            }

            cases.Add(update.CaseId);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The case sends its holdings again when it is next activated, and asks the units itself on every evaluation of time.
            LogIndexWriteFailed(logger, e, UnitId, update.CaseId);
        }
    }

    /// <summary>
    /// Someone left (or joined) the staff: every case where they hold a responsibility for this unit is told at once, one-way.
    /// The cases ask the units again on their own evaluations of time, so a notice lost here heals by the daily sweep at the latest.
    /// </summary>
    private void TellHoldings(string userId)
    {
        foreach (var caseId in state.State.Holdings.GetValueOrDefault(userId) ?? [])
        {
            _ = GrainFactory.Case(caseId).CheckStaffingAsync();
        }
    }

    public Task<UnitResolution> ResolveAsync(string userId)
    {
        if (Info is not { } info)
        {
            return Task.FromResult(UnitResolution.Unknown);
        }

        var staff = state.State.Staff.GetValueOrDefault(userId);
        return Task.FromResult(new UnitResolution(info, staff is not null, staff?.IsLeader == true));
    }

    public async Task ObserveCaseAsync(UnitCaseUpdate update)
    {
        var seen = state.State.SeenVersions.GetValueOrDefault(update.CaseId);
        if (update.CaseVersion < seen)
        {
            return;
        }

        state.State.SeenVersions[update.CaseId] = update.CaseVersion;
        _hosts.Push(host => host.OnBoardAsync(UnitId, update));
        if (update.Entry is null)
        {
            state.State.Cases.Remove(update.CaseId);
        }
        else
        {
            state.State.Cases[update.CaseId] = update.Entry;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The case re-sends its line when it is next activated; a lost index write heals then.
            LogIndexWriteFailed(logger, e, UnitId, update.CaseId);
        }
    }

    public async Task ForgetCaseAsync(string caseId)
    {
        var gone = new UnitCaseUpdate(caseId, long.MaxValue, null);
        state.State.SeenVersions[caseId] = gone.CaseVersion;
        state.State.HoldingVersions[caseId] = long.MaxValue;
        foreach (var (userId, cases) in state.State.Holdings.ToList())
        {
            if (cases.Remove(caseId) && cases.Count == 0)
            {
                state.State.Holdings.Remove(userId);
            }
        }

        if (state.State.Cases.Remove(caseId))
        {
            _hosts.Push(host => host.OnBoardAsync(UnitId, gone));
        }

        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<UnitCaseEntry>> GetCasesAsync() => Task.FromResult(SortedCases());

    private UnitInfo? Info => state.State.Name is { } name ? new UnitInfo(UnitId, name, state.State.Agency) : null;

    private ImmutableArray<UnitCaseEntry> SortedCases() =>
        [.. state.State.Cases.Values.OrderBy(c => c.ExpectedRelease ?? DateOnly.MaxValue).ThenBy(c => c.CaseId, StringComparer.Ordinal)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unit {UnitId}: could not store the index line of case {CaseId}")]
    private static partial void LogIndexWriteFailed(ILogger logger, Exception exception, string unitId, string caseId);
}
