using CaseGrid.Contracts.Common;

namespace CaseGrid.Contracts.RuleSets;

/// <summary>The answer to a dry run or a publication: the report and, once published, the set — or the refusal.</summary>
/// <param name="Report">The dry run as it stands.</param>
/// <param name="Published">The set published.</param>
/// <param name="Error">Why it was refused; nothing changed.</param>
[GenerateSerializer, Immutable, Alias("casegrid.RuleSetResult")]
public sealed record RuleSetResult(DryRunReport? Report, PublishedRuleSet? Published, DomainError? Error);
