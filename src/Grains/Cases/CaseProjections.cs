using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Time;
using CaseGrid.Contracts.Units;
using CaseGrid.Domain;

namespace CaseGrid.Grains.Cases;

/// <summary>
/// Keeps the indexes that read from a case — each related unit's case list and the ansvarsgruppe roster —
/// up to date. It sends only what changed, one-way, so the case never waits on them; each message carries the
/// case version, so a late or repeated one is ignored by the receiver.
/// </summary>
internal sealed class CaseProjections(NeedAreaCatalogue catalogue, RuleSets.RuleSetCache ruleSets, TimeProvider clock)
{
    // What was last sent to each unit, as a fingerprint of its content rather than the content (null: that the case
    // is not theirs); an active case keeps these for as long as it lives.
    private readonly SmallMap<ulong?> _sentToUnits = new();
    private readonly SmallMap<(ulong Holders, bool Any)> _sentHoldings = new();
    private (object Needs, string Coordinator, object Members)? _holdingsFrom;
    private object? _sentMembers;
    private UnitCaseEntry? _shared;
    private DateOnly _sharedDay;
    private string? _sentCoordinator;
    private (string Unit, HomeMunicipality Home, object Handovers, object Orphans)? _entriesFrom;

    public void Publish(CaseState? state, IGrainFactory grains, bool force, bool timeRelevant = true)
    {
        if (state is null)
        {
            return;
        }

        // Without new rules to apply, the board lines depend only on the case's unit, home and handovers, and on the
        // day: an edit that leaves all of them as they were cannot change a line, so the lines are not built again
        // only to be found equal to what was sent.
        var from = (state.CurrentUnitId, state.Home, (object)state.Handovers, (object)state.Orphans);
        if (force || timeRelevant || _entriesFrom != from || _sharedDay != CommandContext.NorwegianDate(clock.GetUtcNow()))
        {
            PublishEntries(state, grains, force, timeRelevant);
            _entriesFrom = from;
        }

        var holdingsFrom = ((object)state.NeedAreas, state.CoordinatorId, (object)state.Members);
        if (force || _holdingsFrom != holdingsFrom)
        {
            PublishHoldings(state, grains, force);
            _holdingsFrom = holdingsFrom;
        }

        if (force || !ReferenceEquals(_sentMembers, state.Members) || _sentCoordinator != state.CoordinatorId)
        {
            _sentMembers = state.Members;
            _sentCoordinator = state.CoordinatorId;
            _ = grains.GetGrain<IAnsvarsgruppeGrain>(state.GroupId)
                .ObserveAsync(new GroupView(state.GroupId, state.CaseId, state.CoordinatorId, [.. state.Members.Values.OrderBy(m => m.From).ThenBy(m => m.UserId, StringComparer.Ordinal)], state.Version));
        }
    }

    /// <summary>
    /// Tell each unit which of its staff hold a responsibility here (and units that no longer have any, that they have none),
    /// so a unit that loses one of them tells this case at once.
    /// </summary>
    private void PublishHoldings(CaseState state, IGrainFactory grains, bool force)
    {
        var byUnit = TimeRules.AccountableOwners(state)
            .Select(o => (Unit: state.Members.GetValueOrDefault(o.UserId)?.UnitId, o.UserId))
            .Where(o => o.Unit is not null && CaseGridIds.IsValid(o.Unit))
            .GroupBy(o => o.Unit!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(o => o.UserId).Order(StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);
        foreach (var unitId in byUnit.Keys.Union(_sentHoldings.Keys.Where(u => _sentHoldings[u].Any)).ToList())
        {
            var holders = byUnit.GetValueOrDefault(unitId, []);
            var key = (Fingerprints.Text(string.Join(',', holders)), !holders.IsEmpty);
            if (!force && _sentHoldings.TryGetValue(unitId, out var sent) && sent == key)
            {
                continue;
            }

            _sentHoldings.Set(unitId, key);
            _ = grains.Unit(unitId).ObserveHoldingsAsync(new UnitHoldingsUpdate(state.CaseId, state.Version, holders));
        }
    }

    /// <summary>
    /// Every unit that may hold something of the case — its index line, or the list of its staff who hold a responsibility
    /// here: those it concerns now, those told before, and the units of its members.
    /// </summary>
    public IEnumerable<string> UnitsHolding(CaseState state)
    {
        var units = new HashSet<string>(_sentToUnits.Keys, StringComparer.Ordinal) { state.CurrentUnitId, state.Home.RegisteredUnitId };
        units.UnionWith(_sentHoldings.Keys);
        units.UnionWith(state.Members.Values.Select(m => m.UnitId).OfType<string>().Where(CaseGridIds.IsValid));
        if (state.Home.IntendedUnitId is not null)
        {
            units.Add(state.Home.IntendedUnitId);
        }

        units.UnionWith(state.Handovers.Values.Select(h => h.ToUnitId));
        return units;
    }

    private void PublishEntries(CaseState state, IGrainFactory grains, bool force, bool timeRelevant)
    {
        foreach (var (unitId, entry) in EntriesFor(state, force || timeRelevant))
        {
            // Compared without the version, which changes on every event, so only real changes are sent.
            var unversioned = entry is null ? (ulong?)null : Fingerprints.Line(entry);
            if (!force && _sentToUnits.TryGetValue(unitId, out var sent) && sent == unversioned)
            {
                continue;
            }

            _sentToUnits.Set(unitId, unversioned);
            _ = grains.Unit(unitId).ObserveCaseAsync(new UnitCaseUpdate(state.CaseId, state.Version, entry));
        }
    }

    /// <summary>
    /// What every board line shares: readiness, deadlines and unowned critical areas, never their details. Computing
    /// it costs the deadline rules, so edits that cannot change it (a goal's text, minutes) reuse the last one.
    /// </summary>
    private UnitCaseEntry Shared(CaseState s, bool recompute)
    {
        var today = CommandContext.NorwegianDate(clock.GetUtcNow());
        if (!recompute && _shared is { } cached && _sharedDay == today)
        {
            return cached with { CaseVersion = s.Version, OrphanedResponsibilities = s.Orphans.Count };
        }

        var rules = ruleSets.InForce(today);
        var deadlines = DeadlineCalculator.Compute(s, rules, today);
        var next = deadlines.Where(d => d.Status is DeadlineStatus.Upcoming or DeadlineStatus.DueSoon && d.Due is not null).MinBy(d => d.Due);
        var readiness = Readiness.Assess(s, catalogue, rules, today);
        _sharedDay = today;
        _shared = new UnitCaseEntry(
            s.CaseId, s.Person.DisplayName, s.Phase, UnitCaseRelation.Current, s.Dates.ExpectedRelease, 0, s.Version,
            readiness.Overall,
            deadlines.Count(d => d.Status == DeadlineStatus.Overdue),
            next?.Due,
            next?.Title,
            ReleaseGate.UnownedAfterRelease(s, catalogue, today),
            s.Dates.EndOfSupervision,
            CurrentUnitId: s.CurrentUnitId,
            OrphanedResponsibilities: s.Orphans.Count,
            ReleaseForm: s.ReleaseForm);
        return _shared;
    }

    /// <summary>The line each related unit should show, with null for units the case no longer concerns.</summary>
    private IEnumerable<(string UnitId, UnitCaseEntry? Entry)> EntriesFor(CaseState s, bool recompute)
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

        var shared = Shared(s, recompute);
        foreach (var unitId in related)
        {
            var offered = s.Handovers.Values.Where(h => h.Status == HandoverStatus.Offered && h.ToUnitId == unitId).ToList();
            yield return (unitId, shared with
            {
                Relation = unitId == s.CurrentUnitId ? UnitCaseRelation.Current : UnitCaseRelation.Incoming,
                HandoversAwaitingUnit = offered.Count,
                AnswerDue = offered.Count == 0 ? null : offered.Min(h => h.PlannedDate),
            });
        }

        // Units told before that the case no longer concerns drop it.
        foreach (var unitId in _sentToUnits.Keys.Where(u => !related.Contains(u) && _sentToUnits[u] is not null).ToList())
        {
            yield return (unitId, null);
        }
    }

}
