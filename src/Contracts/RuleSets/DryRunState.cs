namespace CaseGrid.Contracts.RuleSets;

/// <summary>Where a dry run of a rule set stands.</summary>
public enum DryRunState
{
    /// <summary>Still comparing cases.</summary>
    Running,

    /// <summary>Every case compared; the draft may be published.</summary>
    Finished,

    /// <summary>Stopped before every case was compared; run it again.</summary>
    Failed,

    /// <summary>The draft was published after it.</summary>
    Published,
}
