using System.Collections.Immutable;
using CaseGrid.Contracts.Work;

namespace CaseGrid.Grains.Work;

/// <summary>
/// The items of one user's list, kept as each source (a case, or a unit's part of a case) changes, so a change costs
/// what that source holds, not the whole list: someone who coordinates thousands of cases gets one item more or less
/// without the rest being looked at. An item that reaches the user two ways is there once (the first stays).
/// </summary>
internal sealed class WorkIndex
{
    private readonly Dictionary<string, (WorkItem Item, int Sources)> _items = new(StringComparer.Ordinal);
    private ImmutableArray<WorkItem>? _sorted;

    /// <summary>How many items.</summary>
    public int Count => _items.Count;

    /// <summary>The items, overdue first, then by due date, since when, and id.</summary>
    public ImmutableArray<WorkItem> Sorted => _sorted ??= [.. _items.Values.Select(v => v.Item)
        .OrderByDescending(i => i.Overdue)
        .ThenBy(i => i.Due ?? DateOnly.MaxValue)
        .ThenBy(i => i.Since)
        .ThenBy(i => i.ItemId, StringComparer.Ordinal)];

    /// <summary>
    /// One source's items went from <paramref name="before"/> to <paramref name="after"/>. True when the list changed;
    /// <paramref name="arrived"/> gets the items that were not in the list before.
    /// </summary>
    public bool Replace(ImmutableArray<WorkItem> before, ImmutableArray<WorkItem> after, List<WorkItem> arrived)
    {
        var was = (before.IsDefault ? [] : before).ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        var now = (after.IsDefault ? [] : after).DistinctBy(i => i.ItemId, StringComparer.Ordinal).ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        var changed = false;
        foreach (var id in was.Keys.Where(id => !now.ContainsKey(id)))
        {
            if (_items.TryGetValue(id, out var held))
            {
                if (held.Sources <= 1)
                {
                    _items.Remove(id);
                    changed = true;
                }
                else
                {
                    _items[id] = (held.Item, held.Sources - 1);
                }
            }
        }

        foreach (var (id, item) in now)
        {
            if (was.ContainsKey(id))
            {
                if (_items.TryGetValue(id, out var held) && held.Item != item)
                {
                    _items[id] = (item, held.Sources);
                    changed = true;
                }
            }
            else if (_items.TryGetValue(id, out var held))
            {
                _items[id] = (held.Item, held.Sources + 1);
            }
            else
            {
                _items[id] = (item, 1);
                arrived.Add(item);
                changed = true;
            }
        }

        if (changed)
        {
            _sorted = null;
        }

        return changed;
    }

    /// <summary>True when the list holds an item with this id.</summary>
    public bool Contains(string itemId) => _items.ContainsKey(itemId);
}
