namespace CaseGrid.Contracts.Units;

/// <summary>What a unit says about itself and about one user: the domain state behind unit authorisation.</summary>
/// <param name="Info">The unit, or null when no such unit is defined.</param>
/// <param name="IsStaff">True when the user works at the unit.</param>
/// <param name="IsLeader">True when the user leads the unit.</param>
[GenerateSerializer, Immutable, Alias("casegrid.UnitResolution")]
public sealed record UnitResolution(UnitInfo? Info, bool IsStaff, bool IsLeader)
{
    /// <summary>The answer for a unit that does not exist.</summary>
    public static UnitResolution Unknown { get; } = new(null, false, false);
}
