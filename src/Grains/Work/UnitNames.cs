using System.Collections.Concurrent;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Units;

namespace CaseGrid.Grains.Work;

/// <summary>
/// The names of units, for work items, held once per silo rather than once per case: a case asks the unit grains only
/// for units it has not seen named within the last few minutes, so a renamed unit shows its new name soon after.
/// </summary>
internal sealed class UnitNames(TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (UnitInfo? Info, DateTimeOffset At)> _known = new(StringComparer.Ordinal);

    /// <summary>The units among <paramref name="unitIds"/> that exist, by id.</summary>
    public async ValueTask<IReadOnlyDictionary<string, UnitInfo>> GetAsync(IGrainFactory grains, IEnumerable<string> unitIds)
    {
        var now = clock.GetUtcNow();
        var found = new Dictionary<string, UnitInfo>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in unitIds.Distinct(StringComparer.Ordinal))
        {
            if (_known.TryGetValue(id, out var known) && now - known.At < Fresh)
            {
                if (known.Info is not null)
                {
                    found[id] = known.Info;
                }
            }
            else if (CaseGridIds.IsValid(id))
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            var infos = await Task.WhenAll(missing.Select(id => grains.Unit(id).GetInfoAsync()));
            foreach (var (id, info) in missing.Zip(infos))
            {
                _known[id] = (info, now);
                if (info is not null)
                {
                    found[id] = info;
                }
            }
        }

        return found;
    }
}
