using System.Collections.Immutable;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Units;
using CaseGrid.Contracts.Work;

namespace CaseGrid.Grains.Work;

/// <summary>
/// A user's cases, read from the indexes that already hold them: the user's own membership index and the case index of
/// each unit they work at. Each case gets the board line of a unit the user works at when there is one, else the line of
/// the unit holding it.
/// </summary>
internal static class MyCases
{
    private static readonly string[] Member = ["Member"];

    public static async Task<ImmutableArray<MyCase>> ReadAsync(IGrainFactory grains, UserProfile profile, string? query)
    {
        var names = profile.Units.ToDictionary(u => u.UnitId, u => u.Name, StringComparer.Ordinal);

        // Through the units: every line of each unit the user works at.
        var byUnit = await Task.WhenAll(profile.Units.Select(u => grains.Unit(u.UnitId).GetCasesAsync()));
        var lines = new Dictionary<string, UnitCaseEntry>(StringComparer.Ordinal);
        var relations = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var line in byUnit.SelectMany(l => l))
        {
            if (!relations.TryGetValue(line.CaseId, out var how))
            {
                relations[line.CaseId] = how = new SortedSet<string>(StringComparer.Ordinal);
            }

            how.Add(line.Relation.ToString());
            lines.TryAdd(line.CaseId, line);
        }

        // As a member: the line of the unit holding each case not already seen through the user's own units.
        var members = profile.Cases.ToDictionary(c => c.CaseId, StringComparer.Ordinal);
        var elsewhere = await Task.WhenAll(profile.Cases.Where(c => !lines.ContainsKey(c.CaseId)).GroupBy(c => c.CurrentUnitId, StringComparer.Ordinal)
            .Select(g => grains.Unit(g.Key).GetCaseLinesAsync([.. g.Select(c => c.CaseId)])));
        foreach (var line in elsewhere.SelectMany(l => l))
        {
            lines.TryAdd(line.CaseId, line);
        }

        var unnamed = lines.Values.Select(l => l.CurrentUnitId).Concat(members.Values.Select(m => m.CurrentUnitId))
            .OfType<string>().Where(id => !names.ContainsKey(id) && CaseGridIds.IsValid(id)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var (id, info) in unnamed.Zip(await Task.WhenAll(unnamed.Select(id => grains.Unit(id).GetInfoAsync()))))
        {
            names[id] = info?.Name ?? id;
        }

        return [.. members.Keys.Union(relations.Keys, StringComparer.Ordinal)
            .Select(caseId =>
            {
                var member = members.GetValueOrDefault(caseId);
                var line = lines.GetValueOrDefault(caseId);
                var unitId = line?.CurrentUnitId ?? member?.CurrentUnitId;
                return new MyCase(
                    caseId,
                    line?.PersonDisplayName ?? member!.PersonName,
                    line?.Phase,
                    [.. (member is null ? [] : Member).Concat(relations.GetValueOrDefault(caseId) ?? [])],
                    member?.Role,
                    unitId,
                    unitId is null ? null : names.GetValueOrDefault(unitId),
                    line);
            })
            .Where(c => NameSearch.Matches(c.PersonName, query))
            .OrderBy(c => c.Line?.ExpectedRelease ?? DateOnly.MaxValue)
            .ThenBy(c => c.PersonName, StringComparer.Ordinal)
            .ThenBy(c => c.CaseId, StringComparer.Ordinal)];
    }
}
