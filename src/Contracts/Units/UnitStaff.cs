namespace CaseGrid.Contracts.Units;

/// <summary>A person who works at a unit.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="DisplayName">The user's name.</param>
/// <param name="IsLeader">True for the unit's leaders, who may override responsibility and receive escalations.</param>
/// <param name="Email">Where CaseGrid mails them when something needs them and they are away; optional.</param>
[GenerateSerializer, Immutable, Alias("casegrid.UnitStaff")]
public sealed record UnitStaff(string UserId, string DisplayName, bool IsLeader, string? Email = null);
