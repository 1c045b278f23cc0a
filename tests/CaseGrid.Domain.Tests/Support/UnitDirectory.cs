using System.Collections.Immutable;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Domain.Tests.Support;

/// <summary>
/// What the unit grains would say in production: which units exist, and who works at or leads each. A user
/// works at one unit at most. The scenario asks it for the units a command concerns, as the case grain does.
/// </summary>
public sealed class UnitDirectory
{
    private readonly ImmutableDictionary<string, UnitInfo> _units;
    private readonly ImmutableDictionary<string, (string UnitId, bool IsLeader)> _staff;
    private readonly ImmutableDictionary<string, (string UnitId, bool IsLeader)> _removed;

    public UnitDirectory(IEnumerable<UnitInfo> units, IEnumerable<(string UserId, string UnitId, bool IsLeader)> staff)
        : this(units.ToImmutableDictionary(u => u.UnitId), staff.ToImmutableDictionary(s => s.UserId, s => (s.UnitId, s.IsLeader)), ImmutableDictionary<string, (string, bool)>.Empty)
    {
    }

    private UnitDirectory(
        ImmutableDictionary<string, UnitInfo> units, ImmutableDictionary<string, (string UnitId, bool IsLeader)> staff, ImmutableDictionary<string, (string UnitId, bool IsLeader)> removed)
    {
        _units = units;
        _staff = staff;
        _removed = removed;
    }

    /// <summary>The same units with <paramref name="userId"/> removed from their unit's staff (unchanged when they work nowhere).</summary>
    public UnitDirectory WithStaffRemoved(string userId) =>
        _staff.TryGetValue(userId, out var s) ? new UnitDirectory(_units, _staff.Remove(userId), _removed.SetItem(userId, s)) : this;

    /// <summary>The same units with <paramref name="userId"/>, once removed, back on their unit's staff.</summary>
    public UnitDirectory WithStaffRestored(string userId) =>
        _removed.TryGetValue(userId, out var s) ? new UnitDirectory(_units, _staff.SetItem(userId, s), _removed.Remove(userId)) : this;

    /// <summary>The users removed from the staff of the unit they worked at, by user id, with that unit.</summary>
    public ImmutableDictionary<string, string> Removed => _removed.ToImmutableDictionary(p => p.Key, p => p.Value.UnitId);

    /// <summary>What the units say about each (unit, user) pair: whether the user works there.</summary>
    public ImmutableDictionary<string, bool> StaffingFor(IEnumerable<(string UnitId, string UserId)> pairs) =>
        pairs.Distinct().ToImmutableDictionary(p => CommandContext.StaffKey(p.UnitId, p.UserId), p => Resolve(p.UserId, p.UnitId).IsStaff);

    /// <summary>A prison, a friomsorg office, two municipalities and a NAV office, each with staff and a leader.</summary>
    public static UnitDirectory Bergen { get; } = new(
        [
            new UnitInfo(Cast.Prison, "Bergen fengsel", Agency.Prison),
            new UnitInfo(Cast.Friomsorg, "Bergen friomsorgskontor", Agency.Friomsorg),
            new UnitInfo(Cast.Municipality, "Bergen kommune", Agency.Municipality),
            new UnitInfo(Cast.OsloMunicipality, "Oslo kommune", Agency.Municipality),
            new UnitInfo(Cast.Nav, "NAV Bergenhus", Agency.Nav),
        ],
        [
            (Cast.Kontaktbetjent, Cast.Prison, false),
            (Cast.Kontaktbetjent2, Cast.Prison, false),
            (Cast.PrisonLeader, Cast.Prison, true),
            (Cast.FriomsorgOfficer, Cast.Friomsorg, false),
            (Cast.FriomsorgOfficer2, Cast.Friomsorg, false),
            (Cast.FriomsorgLeader, Cast.Friomsorg, true),
            (Cast.Caseworker, Cast.Municipality, false),
            (Cast.Caseworker2, Cast.Municipality, false),
            (Cast.MunicipalityLeader, Cast.Municipality, true),
            (Cast.OsloCaseworker, Cast.OsloMunicipality, false),
            (Cast.NavAdvisor, Cast.Nav, false),
            (Cast.NavLeader, Cast.Nav, true),
        ]);

    /// <summary>Every user the tests know, units' staff and outsiders alike.</summary>
    public static ImmutableArray<string> EveryUser { get; } =
    [
        Cast.Kontaktbetjent, Cast.Kontaktbetjent2, Cast.PrisonLeader,
        Cast.FriomsorgOfficer, Cast.FriomsorgOfficer2, Cast.FriomsorgLeader,
        Cast.Caseworker, Cast.Caseworker2, Cast.MunicipalityLeader, Cast.OsloCaseworker,
        Cast.NavAdvisor, Cast.NavLeader,
        Cast.Person, Cast.NgoWorker, Cast.Stranger,
    ];

    /// <summary>The units, in a stable order.</summary>
    public ImmutableArray<UnitInfo> Units => [.. _units.Values.OrderBy(u => u.UnitId, StringComparer.Ordinal)];

    /// <summary>The unit the user works at, or null.</summary>
    public UnitInfo? UnitOf(string userId) => _staff.TryGetValue(userId, out var s) ? _units[s.UnitId] : null;

    /// <summary>Who works at the unit, leaders included.</summary>
    public ImmutableArray<string> StaffOf(string unitId) =>
        [.. _staff.Where(s => s.Value.UnitId == unitId).Select(s => s.Key).OrderBy(id => id, StringComparer.Ordinal)];

    /// <summary>Who leads the unit.</summary>
    public ImmutableArray<string> LeadersOf(string unitId) =>
        [.. _staff.Where(s => s.Value.UnitId == unitId && s.Value.IsLeader).Select(s => s.Key).OrderBy(id => id, StringComparer.Ordinal)];

    /// <summary>What each of <paramref name="unitIds"/> says about itself and about <paramref name="userId"/>.</summary>
    public ImmutableDictionary<string, UnitResolution> ResolveFor(string userId, IEnumerable<string> unitIds) =>
        unitIds.Distinct().ToImmutableDictionary(id => id, id => Resolve(userId, id));

    /// <summary>What one unit says about itself and about <paramref name="userId"/>.</summary>
    public UnitResolution Resolve(string userId, string unitId)
    {
        if (!_units.TryGetValue(unitId, out var info))
        {
            return UnitResolution.Unknown;
        }

        var works = _staff.TryGetValue(userId, out var s) && s.UnitId == unitId;
        return new UnitResolution(info, works, works && s.IsLeader);
    }
}
