using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;

namespace CaseGrid.Contracts.Privacy;

/// <summary>
/// New events of a case as each kind of reader may see them, and which readers get which. A connection whose user
/// is not in <see cref="Readers"/> gets nothing. A variant that would equal <see cref="Full"/> is sent empty and
/// flagged as the same, so the common case crosses the wire once.
/// </summary>
/// <param name="Full">The events as they are.</param>
/// <param name="HealthWithheld">The events with health details withheld; empty when <see cref="HealthDiffers"/> is false.</param>
/// <param name="DetailsWithheld">The events with every need area's details withheld; empty when <see cref="DetailsDiffer"/> is false.</param>
/// <param name="HealthDiffers">True when some event has health details to withhold.</param>
/// <param name="DetailsDiffer">True when some event has need-area details to withhold.</param>
/// <param name="Readers">By user id: the active members and the access each has, as of these events.</param>
[GenerateSerializer, Immutable, Alias("casegrid.CaseBroadcast")]
public sealed record CaseBroadcast(
    ImmutableArray<CaseEventRecord> Full,
    ImmutableArray<CaseEventRecord> HealthWithheld,
    ImmutableArray<CaseEventRecord> DetailsWithheld,
    bool HealthDiffers,
    bool DetailsDiffer,
    ImmutableDictionary<string, DetailAccess> Readers)
{
    /// <summary>True when every reader gets the same events.</summary>
    public bool Uniform => !HealthDiffers && !DetailsDiffer;

    /// <summary>The events a reader with <paramref name="access"/> gets.</summary>
    public ImmutableArray<CaseEventRecord> For(DetailAccess access) => access switch
    {
        DetailAccess.HealthWithheld when HealthDiffers => HealthWithheld,
        DetailAccess.DetailsWithheld when DetailsDiffer => DetailsWithheld,
        _ => Full,
    };
}
