using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Time;

/// <summary>
/// What publishing a rule set would change in a case (domain §7: a dry run before a new version takes effect): its
/// deadlines computed on the same day under the set in force and under the candidate, rule by rule. A deadline changes
/// when its rule is added or removed, or its due day, window, status, severity, responsible agency or title differs; a
/// rule that applies under neither set is no change.
/// </summary>
public static class RuleSetComparison
{
    /// <summary>The deadlines of <paramref name="state"/> on <paramref name="day"/> that <paramref name="candidate"/> changes from <paramref name="current"/>.</summary>
    public static ImmutableArray<DeadlineChange> Compare(CaseState state, DeadlineRuleSet current, DeadlineRuleSet candidate, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(candidate);
        if (state.Phase == CasePhase.Closed)
        {
            return [];
        }

        var before = DeadlineCalculator.Compute(state, current, day).ToDictionary(d => d.RuleId, StringComparer.Ordinal);
        var after = DeadlineCalculator.Compute(state, candidate, day).ToDictionary(d => d.RuleId, StringComparer.Ordinal);
        return [.. before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(id => new DeadlineChange(id, before.GetValueOrDefault(id), after.GetValueOrDefault(id)))
            .Where(c => Differs(c.Before, c.After))];
    }

    private static bool Differs(Deadline? a, Deadline? b)
    {
        if (a is null || b is null)
        {
            return (a ?? b)!.Status != DeadlineStatus.NotApplicable;
        }

        return (a.Due, a.WindowStart, a.Status, a.Severity, a.ResponsibleAgency, a.Title) != (b.Due, b.WindowStart, b.Status, b.Severity, b.ResponsibleAgency, b.Title);
    }
}
