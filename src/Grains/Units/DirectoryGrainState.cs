using System.Collections.Immutable;
using CaseGrid.Contracts.Directory;

namespace CaseGrid.Grains.Units;

/// <summary>The directory's persisted state: each unit's latest entry, as the unit numbered it.</summary>
[GenerateSerializer, Alias("casegrid.DirectoryGrainState")]
public sealed class DirectoryGrainState
{
    /// <summary>By unit id.</summary>
    [Id(0)]
    public Dictionary<string, Entry> Units { get; set; } = new(StringComparer.Ordinal);

    /// <summary>One unit's entry.</summary>
    /// <param name="Epoch">The unit's activation it came from.</param>
    /// <param name="Sequence">Its number within that activation.</param>
    /// <param name="Unit">The unit; null while it is not defined.</param>
    /// <param name="Staff">Who works there.</param>
    [GenerateSerializer, Immutable, Alias("casegrid.DirectoryGrainState.Entry")]
    public sealed record Entry(long Epoch, long Sequence, DirectoryUnit? Unit, ImmutableArray<DirectoryStaff> Staff);
}
