using CaseGrid.Contracts.RuleSets;

namespace CaseGrid.Grains.RuleSets;

/// <summary>A dry run and the draft it compared, kept so the very draft compared is what gets published.</summary>
/// <param name="Report">The dry run as it stands.</param>
/// <param name="Draft">The draft.</param>
/// <param name="RequestedByName">The name of who asked for it, for the publication record.</param>
[GenerateSerializer, Immutable, Alias("casegrid.DryRun")]
public sealed record DryRun(DryRunReport Report, RuleSetDraft Draft, string RequestedByName);
