namespace CaseGrid.Contracts.Directory;

/// <summary>A unit as the directory lists it.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Name">Its name.</param>
/// <param name="Agency">What kind of unit it is.</param>
/// <param name="Municipality">The municipality it lies in, when recorded.</param>
[GenerateSerializer, Immutable, Alias("casegrid.DirectoryUnit")]
public sealed record DirectoryUnit(string UnitId, string Name, Groups.Agency Agency, string? Municipality);
