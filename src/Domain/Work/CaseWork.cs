using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Work;

namespace CaseGrid.Domain.Work;

/// <summary>
/// What one case tells the lists of the people it concerns, as of one version: to each user, their membership and the
/// items addressed to them by name; to each unit, the items for all its staff and those for its leaders only.
/// </summary>
/// <param name="Users">By user id: their active membership (or null) and their items by name. Every user concerned, and only they.</param>
/// <param name="Units">By unit id: the unit's items. Every unit with an item, and only they.</param>
public sealed record CaseWork(
    ImmutableDictionary<string, UserCaseUpdate> Users,
    ImmutableDictionary<string, UnitCaseWork> Units)
{
    /// <summary>Group <paramref name="items"/> (from <see cref="WorkRules.Derive"/>) by whom they reach, with the members of <paramref name="state"/> on <paramref name="today"/>.</summary>
    public static CaseWork Of(CaseState state, DateOnly today, ImmutableArray<AddressedWorkItem> items)
    {
        ArgumentNullException.ThrowIfNull(state);
        var members = state.Phase == CasePhase.Closed
            ? []
            : state.Members.Values.Where(m => m.IsActiveOn(today)).ToDictionary(m => m.UserId, m => new MemberCase(state.CaseId, state.Person.DisplayName, m.Role, state.CurrentUnitId), StringComparer.Ordinal);
        var byUser = items.Where(i => i.Audience == WorkAudience.User).GroupBy(i => i.AddresseeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Item).ToImmutableArray(), StringComparer.Ordinal);
        var users = members.Keys.Union(byUser.Keys, StringComparer.Ordinal).ToImmutableDictionary(
            u => u,
            u => new UserCaseUpdate(state.CaseId, state.Version, members.GetValueOrDefault(u), byUser.GetValueOrDefault(u, [])),
            StringComparer.Ordinal);
        var units = items.Where(i => i.Audience != WorkAudience.User).GroupBy(i => i.AddresseeId, StringComparer.Ordinal).ToImmutableDictionary(
            g => g.Key,
            g => new UnitCaseWork(
                state.CaseId,
                state.Version,
                [.. g.Where(i => i.Audience == WorkAudience.UnitStaff).Select(i => i.Item)],
                [.. g.Where(i => i.Audience == WorkAudience.UnitLeaders).Select(i => i.Item)]),
            StringComparer.Ordinal);
        return new CaseWork(users, units);
    }
}
