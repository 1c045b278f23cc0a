using System.Collections.Immutable;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Realtime;
using CaseGrid.Contracts.Units;
using CaseGrid.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace CaseGrid.Grains.Units;

/// <summary>A unit: its staff roster (the basis of unit authorisation) and its index of current and incoming cases.</summary>
internal sealed partial class UnitGrain(
    [PersistentState("unit", UnitGrain.StorageName)] IPersistentState<UnitGrainState> state,
    TimeProvider clock,
    LiveWatchers watchers,
    ILogger<UnitGrain> logger) : WatchedGrain(watchers), IUnitGrain
{
    /// <summary>The grain storage provider CaseGrid's grains persist to.</summary>
    public const string StorageName = "casegrid";

    private string UnitId => this.GetPrimaryKeyString();

    protected override LiveGroup Group => LiveGroup.Board(UnitId);

    protected override long Head => state.State.BoardVersion;

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

        state.State.Staff[staff.UserId] = staff;
        await state.WriteStateAsync();
        return null;
    }

    public async Task<DomainError?> RemoveStaffAsync(string userId)
    {
        if (!state.State.Staff.Remove(userId))
        {
            return new DomainError(ErrorKind.NotFound, "staff.not-found", $"'{userId}' does not work at '{UnitId}'.");
        }

        await state.WriteStateAsync();
        Publish(host => host.OnStaffRemovedAsync(UnitId, userId));
        return null;
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

        // The board's version is a hybrid clock: one more than the last, and never below the time in microseconds, so
        // it keeps growing when the unit is activated again elsewhere after a change whose state write was lost.
        var version = state.State.BoardVersion = Math.Max(state.State.BoardVersion + 1, (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10);
        Publish(host => host.OnBoardAsync(UnitId, update, version));
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

    public Task<ImmutableArray<UnitCaseEntry>> GetCasesAsync() => Task.FromResult(SortedCases());

    public Task<UnitBoard> GetBoardAsync() => Task.FromResult(new UnitBoard(state.State.BoardVersion, SortedCases()));

    private UnitInfo? Info => state.State.Name is { } name ? new UnitInfo(UnitId, name, state.State.Agency) : null;

    private ImmutableArray<UnitCaseEntry> SortedCases() =>
        [.. state.State.Cases.Values.OrderBy(c => c.ExpectedRelease ?? DateOnly.MaxValue).ThenBy(c => c.CaseId, StringComparer.Ordinal)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unit {UnitId}: could not store the index line of case {CaseId}")]
    private static partial void LogIndexWriteFailed(ILogger logger, Exception exception, string unitId, string caseId);
}
