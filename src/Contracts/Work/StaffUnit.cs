namespace CaseGrid.Contracts.Work;

/// <summary>A unit as one of its staff members sees it: what it is and their place in it.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Name">Its name.</param>
/// <param name="Agency">What kind of unit it is.</param>
/// <param name="Municipality">The municipality it lies in, when recorded.</param>
/// <param name="IsLeader">True when the user leads it.</param>
/// <param name="Email">The user's e-mail address at the unit, when recorded.</param>
[GenerateSerializer, Immutable, Alias("casegrid.StaffUnit")]
public sealed record StaffUnit(string UnitId, string Name, Groups.Agency Agency, string? Municipality, bool IsLeader, string? Email);
