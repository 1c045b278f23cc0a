using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;

namespace CaseGrid.Contracts.Privacy;

/// <summary>
/// New events of a case as each reader may see them. Most readers get <see cref="Full"/>; readers from whom something in
/// these events is withheld get one of <see cref="Variants"/> (one per distinct withholding: a level, and the withheld
/// areas the reader owns). A connection whose user is not in <see cref="Readers"/> gets nothing.
/// </summary>
/// <param name="Full">The events as they are.</param>
/// <param name="Variants">The redacted versions needed by these readers; empty when nothing is withheld from anyone.</param>
/// <param name="Readers">By user id: the active members, each with the index of their variant, or <see cref="AsIs"/>.</param>
[GenerateSerializer, Immutable, Alias("casegrid.CaseBroadcast")]
public sealed record CaseBroadcast(
    ImmutableArray<CaseEventRecord> Full,
    ImmutableArray<ImmutableArray<CaseEventRecord>> Variants,
    ImmutableDictionary<string, int> Readers)
{
    /// <summary>The reader gets <see cref="Full"/>.</summary>
    public const int AsIs = -1;

    /// <summary>True when every reader gets the same events.</summary>
    public bool Uniform => Variants.IsDefaultOrEmpty;

    /// <summary>The events for a reader with variant <paramref name="index"/>.</summary>
    public ImmutableArray<CaseEventRecord> For(int index) => index == AsIs ? Full : Variants[index];
}
