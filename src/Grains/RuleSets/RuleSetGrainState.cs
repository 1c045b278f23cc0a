using CaseGrid.Contracts.RuleSets;

namespace CaseGrid.Grains.RuleSets;

/// <summary>The national rule sets' persisted state: what is published, in order, and the recent dry runs with their drafts.</summary>
[GenerateSerializer, Alias("casegrid.RuleSetGrainState")]
public sealed class RuleSetGrainState
{
    /// <summary>Published versions, in order of publication.</summary>
    [Id(0)]
    public List<PublishedRuleSet> Sets { get; set; } = [];

    /// <summary>Grows by one with each publication.</summary>
    [Id(1)]
    public long Revision { get; set; }

    /// <summary>The latest dry runs, oldest first, each with the draft it compared.</summary>
    [Id(2)]
    public List<DryRun> DryRuns { get; set; } = [];
}
