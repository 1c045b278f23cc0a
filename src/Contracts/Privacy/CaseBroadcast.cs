using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;

namespace CaseGrid.Contracts.Privacy;

/// <summary>
/// New events of a case as each kind of reader may see them, and which readers get which. A connection whose user
/// is not in <see cref="Readers"/> gets nothing. When no event touches withheld details the three arrays are the same.
/// </summary>
/// <param name="Full">The events as they are.</param>
/// <param name="HealthWithheld">The events with health details withheld.</param>
/// <param name="DetailsWithheld">The events with every need area's details withheld.</param>
/// <param name="Readers">By user id: the active members and the access each has, as of these events.</param>
[GenerateSerializer, Immutable, Alias("casegrid.CaseBroadcast")]
public sealed record CaseBroadcast(
    ImmutableArray<CaseEventRecord> Full,
    ImmutableArray<CaseEventRecord> HealthWithheld,
    ImmutableArray<CaseEventRecord> DetailsWithheld,
    ImmutableDictionary<string, DetailAccess> Readers)
{
    /// <summary>The events a reader with <paramref name="access"/> gets.</summary>
    public ImmutableArray<CaseEventRecord> For(DetailAccess access) => access switch
    {
        DetailAccess.Full => Full,
        DetailAccess.HealthWithheld => HealthWithheld,
        _ => DetailsWithheld,
    };
}
