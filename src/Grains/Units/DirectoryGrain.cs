using System.Collections.Immutable;
using CaseGrid.Contracts.Directory;
using CaseGrid.Contracts.Groups;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace CaseGrid.Grains.Units;

/// <summary>
/// The directory of units and their staff, for picking people and units by name. One grain: the whole country's units
/// and staff are some tens of thousands of entries, read far more often than they change. Fed one-way by the units.
/// </summary>
internal sealed partial class DirectoryGrain(
    [PersistentState("directory", UnitGrain.StorageName)] IPersistentState<DirectoryGrainState> state,
    ILogger<DirectoryGrain> logger) : Grain, IDirectoryGrain
{
    private const int MaxResults = 500;

    private readonly Dictionary<string, DirectoryGrainState.Entry> _unsaved = new(StringComparer.Ordinal);

    public async Task ObserveUnitAsync(DirectoryUnitUpdate update)
    {
        if (update is null)
        {
            return;
        }

        var held = state.State.Units.GetValueOrDefault(update.UnitId);
        if (held is not null && (update.Epoch, update.Sequence).CompareTo((held.Epoch, held.Sequence)) <= 0)
        {
            return;
        }

        var next = new DirectoryGrainState.Entry(update.Epoch, update.Sequence, update.Unit, update.Staff.IsDefault ? [] : update.Staff);
        state.State.Units[update.UnitId] = next;
        if (held is not null && Equals(held.Unit, next.Unit) && held.Staff.SequenceEqual(next.Staff))
        {
            // The same entry again (the unit was activated): nothing to store.
            return;
        }

        _unsaved[update.UnitId] = next;
        await StoreAsync(update.UnitId);
    }

    /// <summary>
    /// Store the directory. When another activation wrote meanwhile (during a failover, or a second cluster on the same
    /// database), take what it stored, put back every entry this one has not stored yet unless the stored one is newer,
    /// and try again.
    /// </summary>
    private async Task StoreAsync(string unitId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await state.WriteStateAsync();
                _unsaved.Clear();
                return;
            }
            catch (InconsistentStateException) when (attempt < 5)
            {
                await state.ReadStateAsync();
                foreach (var (id, entry) in _unsaved)
                {
                    if (state.State.Units.GetValueOrDefault(id) is not { } stored || (entry.Epoch, entry.Sequence).CompareTo((stored.Epoch, stored.Sequence)) > 0)
                    {
                        state.State.Units[id] = entry;
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Units send their entry again whenever they are activated; the entries wait in memory for the next store.
                LogWriteFailed(logger, e, unitId);
                return;
            }
        }
    }

    public Task<ImmutableArray<DirectoryUnit>> FindUnitsAsync(Agency? agency, string? municipality, string? query, int max)
    {
        var place = NameSearch.Fold(municipality);
        return Task.FromResult<ImmutableArray<DirectoryUnit>>([.. Defined()
            .Select(e => e.Unit!)
            .Where(u => agency is null || u.Agency == agency)
            .Where(u => place.Length == 0 || NameSearch.Fold(u.Municipality) == place)
            .Where(u => NameSearch.Matches(u.Name, query))
            .OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.UnitId, StringComparer.Ordinal)
            .Take(Math.Clamp(max, 1, MaxResults))]);
    }

    public Task<ImmutableArray<DirectoryPerson>> FindPeopleAsync(string? query, int max) =>
        Task.FromResult<ImmutableArray<DirectoryPerson>>([.. Defined()
            .SelectMany(e => e.Staff.Select(s => (Staff: s, e.Unit)))
            .GroupBy(x => x.Staff.UserId, StringComparer.Ordinal)
            .Select(g => new DirectoryPerson(
                g.Key,
                g.Select(x => x.Staff.Name).OrderBy(n => n, StringComparer.Ordinal).First(),
                [.. g.Select(x => x.Unit!).OrderBy(u => u.Name, StringComparer.Ordinal)]))
            .Where(p => NameSearch.Matches(p.Name, query))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.UserId, StringComparer.Ordinal)
            .Take(Math.Clamp(max, 1, MaxResults))]);

    public Task<ImmutableArray<DirectoryUnit>> UnitsOfAsync(string userId) =>
        Task.FromResult<ImmutableArray<DirectoryUnit>>([.. Defined()
            .Where(e => e.Staff.Any(s => s.UserId == userId))
            .Select(e => e.Unit!)
            .OrderBy(u => u.Name, StringComparer.Ordinal)]);

    private IEnumerable<DirectoryGrainState.Entry> Defined() => state.State.Units.Values.Where(e => e.Unit is not null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory: could not store the entry of unit {UnitId}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string unitId);
}
