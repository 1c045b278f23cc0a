namespace CaseGrid.Contracts.Units;

/// <summary>A unit: a prison, a friomsorg office, a municipality, a NAV office, a health service.</summary>
/// <param name="UnitId">Id of the unit.</param>
/// <param name="Name">Its name.</param>
/// <param name="Agency">What kind of unit it is.</param>
/// <param name="Municipality">The municipality it lies in (e.g. <c>Bergen</c>), when recorded.</param>
[GenerateSerializer, Immutable, Alias("casegrid.UnitInfo")]
public sealed record UnitInfo(string UnitId, string Name, Groups.Agency Agency, string? Municipality = null);
