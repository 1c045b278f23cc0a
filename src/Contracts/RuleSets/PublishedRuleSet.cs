namespace CaseGrid.Contracts.RuleSets;

/// <summary>
/// A version of the deadline rule set as published by a national administrator (domain §7): in force from
/// <see cref="EffectiveFrom"/> until a later version takes effect. Every deadline computed with it carries its version.
/// </summary>
/// <param name="Version">Its version, e.g. <c>2026.3</c>.</param>
/// <param name="EffectiveFrom">The first day it is in force.</param>
/// <param name="Json">The rule set's document, as published.</param>
/// <param name="Origin">Where its lead times come from, in words (from the document).</param>
/// <param name="PublishedById">Who published it; <c>casegrid</c> for the set shipped with CaseGrid.</param>
/// <param name="PublishedByName">Their name.</param>
/// <param name="PublishedAt">When.</param>
/// <param name="Note">Why, in the publisher's words.</param>
/// <param name="DryRunId">The dry run it was published after; null for the shipped set.</param>
[GenerateSerializer, Immutable, Alias("casegrid.PublishedRuleSet")]
public sealed record PublishedRuleSet(
    string Version, DateOnly EffectiveFrom, string Json, string Origin, string PublishedById, string PublishedByName, DateTimeOffset PublishedAt,
    string? Note, string? DryRunId);
