using CaseGrid.Contracts.Groups;

namespace CaseGrid.Grains.Groups;

/// <summary>The ansvarsgruppe's persisted roster.</summary>
[GenerateSerializer, Alias("casegrid.AnsvarsgruppeGrainState")]
public sealed class AnsvarsgruppeGrainState
{
    /// <summary>The roster as of the newest case version seen.</summary>
    [Id(0)]
    public GroupView? View { get; set; }

    /// <summary>The case was erased: the roster is gone and stays gone.</summary>
    [Id(1)]
    public bool Erased { get; set; }
}
