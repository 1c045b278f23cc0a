using System.Collections.Immutable;

namespace CaseGrid.Contracts.RuleSets;

/// <summary>Every published rule set, oldest first, the set shipped with CaseGrid, and a revision that grows with each publication.</summary>
/// <param name="Revision">Grows by one with each publication: a cache older than it reads again.</param>
/// <param name="Sets">The published versions in order of publication.</param>
/// <param name="Shipped">The set shipped with CaseGrid, in force until a published one takes effect; null when not told.</param>
[GenerateSerializer, Immutable, Alias("casegrid.RuleSetCatalogue")]
public sealed record RuleSetCatalogue(long Revision, ImmutableArray<PublishedRuleSet> Sets, PublishedRuleSet? Shipped = null)
{
    /// <summary>Nothing published yet: the shipped set is in force.</summary>
    public static RuleSetCatalogue Empty { get; } = new(0, []);

    /// <summary>
    /// The published set in force on <paramref name="day"/>: the latest to take effect by then (of those taking effect the
    /// same day, the latest published); null when none has, and the shipped set is in force.
    /// </summary>
    public PublishedRuleSet? InForce(DateOnly day) =>
        Sets.Select((s, i) => (Set: s, Order: i)).Where(x => x.Set.EffectiveFrom <= day)
            .OrderBy(x => x.Set.EffectiveFrom).ThenBy(x => x.Order).Select(x => x.Set).LastOrDefault();
}
