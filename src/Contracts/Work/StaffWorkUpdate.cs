using System.Collections.Immutable;

namespace CaseGrid.Contracts.Work;

/// <summary>
/// A unit telling one staff member's list what it has for them. Each staff member's updates from a unit are numbered
/// one by one within the unit's activation (<see cref="Epoch"/>, <see cref="Sequence"/>): a list that sees a gap asks the
/// unit for a snapshot, so a lost update heals, and a unit activated again starts a new epoch with a snapshot.
/// </summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Epoch">The unit's activation number, stored before it sends anything: grows every time the unit is activated.</param>
/// <param name="Sequence">This staff member's update number within the epoch; older or repeated numbers are ignored.</param>
/// <param name="Unit">The unit and the user's place in it; null when the user no longer works there (everything from the unit goes).</param>
/// <param name="Snapshot">True when <see cref="Cases"/> is everything the unit has for the user; false when it changes only the cases named.</param>
/// <param name="Cases">By case id: the unit's items for the user (empty: none from that case).</param>
[GenerateSerializer, Immutable, Alias("casegrid.StaffWorkUpdate")]
public sealed record StaffWorkUpdate(string UnitId, long Epoch, long Sequence, StaffUnit? Unit, bool Snapshot, ImmutableDictionary<string, ImmutableArray<WorkItem>> Cases);
