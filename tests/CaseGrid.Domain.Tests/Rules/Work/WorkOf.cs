using System.Collections.Immutable;
using CaseGrid.Contracts.Work;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain.Work;

namespace CaseGrid.Domain.Tests.Rules.Work;

/// <summary>The work a scenario's case creates today, and whom it reaches once each unit has fanned its items out to its staff.</summary>
internal static class WorkOf
{
    public static ImmutableArray<AddressedWorkItem> Items(CaseScenario s, WorkSettings? settings = null) =>
        WorkRules.Derive(s.Case, s.Today, s.Rules, NeedAreaCatalogue.Default, settings ?? WorkSettings.Default, id => s.Units.Units.FirstOrDefault(u => u.UnitId == id));

    /// <summary>By user: every item that reaches them, by name or through a unit they staff (or lead) in <paramref name="units"/>.</summary>
    public static ImmutableDictionary<string, ImmutableArray<WorkItem>> Reach(CaseScenario s, UnitDirectory? units = null, WorkSettings? settings = null)
    {
        var directory = units ?? s.Units;
        return Items(s, settings)
            .SelectMany(a => a.Audience switch
            {
                WorkAudience.User => [(User: a.AddresseeId, a.Item)],
                WorkAudience.UnitStaff => directory.StaffOf(a.AddresseeId).Select(u => (User: u, a.Item)),
                _ => directory.LeadersOf(a.AddresseeId).Select(u => (User: u, a.Item)),
            })
            .GroupBy(x => x.User, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Select(x => x.Item).ToImmutableArray(), StringComparer.Ordinal);
    }

    /// <summary>The items of <paramref name="kind"/> that reach <paramref name="userId"/>.</summary>
    public static ImmutableArray<WorkItem> For(CaseScenario s, string userId, WorkItemKind kind, UnitDirectory? units = null) =>
        [.. Reach(s, units).GetValueOrDefault(userId, []).Where(i => i.Kind == kind)];

    /// <summary>Everyone an item of <paramref name="kind"/> reaches, in ordinal order.</summary>
    public static string[] Reached(CaseScenario s, WorkItemKind kind, UnitDirectory? units = null) =>
        [.. Reach(s, units).Where(p => p.Value.Any(i => i.Kind == kind)).Select(p => p.Key).Order(StringComparer.Ordinal)];
}
