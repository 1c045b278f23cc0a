namespace CaseGrid.Contracts.RuleSets;

/// <summary>A rule set a national administrator wants to publish: its document, from when, and why.</summary>
/// <param name="Json">The rule set's document (the shape of the shipped <c>deadline-rules.json</c>).</param>
/// <param name="EffectiveFrom">The first day it is to be in force; today or later.</param>
/// <param name="Note">Why, in the publisher's words.</param>
[GenerateSerializer, Immutable, Alias("casegrid.RuleSetDraft")]
public sealed record RuleSetDraft(string Json, DateOnly EffectiveFrom, string? Note);
