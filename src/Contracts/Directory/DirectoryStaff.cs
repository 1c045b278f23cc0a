namespace CaseGrid.Contracts.Directory;

/// <summary>A staff member of a unit as the directory lists them (never their e-mail address).</summary>
/// <param name="UserId">The user.</param>
/// <param name="Name">Their name.</param>
/// <param name="IsLeader">True for the unit's leaders.</param>
[GenerateSerializer, Immutable, Alias("casegrid.DirectoryStaff")]
public sealed record DirectoryStaff(string UserId, string Name, bool IsLeader);
