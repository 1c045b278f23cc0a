using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Grains.Cases;

/// <summary>
/// Keeps the indexes that read from a case — each related unit's case list and the ansvarsgruppe roster —
/// up to date. It sends only what changed, one-way, so the case never waits on them; each message carries the
/// case version, so a late or repeated one is ignored by the receiver.
/// </summary>
internal sealed class CaseProjections
{
    private readonly Dictionary<string, UnitCaseEntry?> _sentToUnits = new(StringComparer.Ordinal);
    private object? _sentMembers;
    private string? _sentCoordinator;

    public void Publish(CaseState? state, IGrainFactory grains, bool force)
    {
        if (state is null)
        {
            return;
        }

        foreach (var (unitId, entry) in EntriesFor(state))
        {
            // Compared without the version, which changes on every event, so only real changes are sent.
            var unversioned = entry is null ? null : entry with { CaseVersion = 0 };
            if (!force && _sentToUnits.TryGetValue(unitId, out var sent) && Equals(sent, unversioned))
            {
                continue;
            }

            _sentToUnits[unitId] = unversioned;
            _ = grains.GetGrain<IUnitGrain>(unitId).ObserveCaseAsync(new UnitCaseUpdate(state.CaseId, state.Version, entry));
        }

        if (force || !ReferenceEquals(_sentMembers, state.Members) || _sentCoordinator != state.CoordinatorId)
        {
            _sentMembers = state.Members;
            _sentCoordinator = state.CoordinatorId;
            _ = grains.GetGrain<IAnsvarsgruppeGrain>(state.GroupId)
                .ObserveAsync(new GroupView(state.GroupId, state.CaseId, state.CoordinatorId, [.. state.Members.Values.OrderBy(m => m.From).ThenBy(m => m.UserId, StringComparer.Ordinal)], state.Version));
        }
    }

    /// <summary>The line each related unit should show, with null for units the case no longer concerns.</summary>
    private IEnumerable<(string UnitId, UnitCaseEntry? Entry)> EntriesFor(CaseState s)
    {
        var related = new HashSet<string>(StringComparer.Ordinal) { s.CurrentUnitId, s.Home.RegisteredUnitId };
        if (s.Home.IntendedUnitId is not null)
        {
            related.Add(s.Home.IntendedUnitId);
        }

        foreach (var h in s.Handovers.Values.Where(h => h.IsOpen))
        {
            related.Add(h.ToUnitId);
        }

        foreach (var unitId in related)
        {
            var awaiting = s.Handovers.Values.Count(h => h.Status == HandoverStatus.Offered && h.ToUnitId == unitId);
            var relation = unitId == s.CurrentUnitId ? UnitCaseRelation.Current : UnitCaseRelation.Incoming;
            yield return (unitId, new UnitCaseEntry(s.CaseId, s.Person.DisplayName, s.Phase, relation, s.Dates.ExpectedRelease, awaiting, s.Version));
        }

        // Units told before that the case no longer concerns drop it.
        foreach (var unitId in _sentToUnits.Keys.Where(u => !related.Contains(u) && _sentToUnits[u] is not null).ToList())
        {
            yield return (unitId, null);
        }
    }
}
