using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Time;

/// <summary>How one rule's deadline of a case differs between two rule sets: added, removed, or changed.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Before">The deadline under the set in force; null when the rule is new.</param>
/// <param name="After">The deadline under the candidate set; null when the rule is gone.</param>
public sealed record DeadlineChange(string RuleId, Deadline? Before, Deadline? After);
