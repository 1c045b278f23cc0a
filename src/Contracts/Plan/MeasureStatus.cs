namespace CaseGrid.Contracts.Plan;

/// <summary>
/// Lifecycle of a measure (tiltak): proposed → chosen by the person → accepted by the owning agency →
/// started → delivered, or cancelled from any open state.
/// </summary>
public enum MeasureStatus
{
    /// <summary>Proposed, not yet chosen.</summary>
    Proposed,

    /// <summary>The person has chosen to commit to it.</summary>
    ChosenByPerson,

    /// <summary>The owning agency has committed to its part.</summary>
    AcceptedByOwner,

    /// <summary>Under way.</summary>
    Started,

    /// <summary>Delivered and documented by the owner.</summary>
    Delivered,

    /// <summary>Cancelled, with a reason.</summary>
    Cancelled,
}
