using System.Collections.Immutable;

namespace CaseGrid.Contracts.Directory;

/// <summary>A unit telling the directory what it is and who works there, as of (<see cref="Epoch"/>, <see cref="Sequence"/>).</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Epoch">The unit's activation number: grows every time the unit is activated.</param>
/// <param name="Sequence">Grows with every change within an activation.</param>
/// <param name="Unit">The unit; null while it is not defined.</param>
/// <param name="Staff">Who works there.</param>
[GenerateSerializer, Immutable, Alias("casegrid.DirectoryUnitUpdate")]
public sealed record DirectoryUnitUpdate(string UnitId, long Epoch, long Sequence, DirectoryUnit? Unit, ImmutableArray<DirectoryStaff> Staff);
