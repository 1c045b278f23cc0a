namespace CaseGrid.Contracts.Work;

/// <summary>Who a derived work item is addressed to.</summary>
public enum WorkAudience
{
    /// <summary>One user, by id.</summary>
    User,

    /// <summary>Every current staff member of a unit.</summary>
    UnitStaff,

    /// <summary>The current leaders of a unit.</summary>
    UnitLeaders,
}
