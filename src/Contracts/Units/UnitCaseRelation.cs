namespace CaseGrid.Contracts.Units;

/// <summary>How a case relates to a unit.</summary>
public enum UnitCaseRelation
{
    /// <summary>The unit holds the case now.</summary>
    Current,

    /// <summary>A handover to the unit is open, or the unit is the receiving municipality.</summary>
    Incoming,
}
