namespace CaseGrid.Contracts.Plan;

/// <summary>Status of a need area. Every status but <see cref="NotAssessed"/> requires an accountable owner.</summary>
public enum NeedStatus
{
    /// <summary>Not yet assessed.</summary>
    NotAssessed,

    /// <summary>A need is identified and has an owner.</summary>
    NeedIdentified,

    /// <summary>Measures are under way.</summary>
    InProgress,

    /// <summary>The need is met.</summary>
    Met,

    /// <summary>The person declined help in this area.</summary>
    DeclinedByPerson,

    /// <summary>Not available because of capacity (e.g. no municipal housing to offer): tracked as a risk, never green.</summary>
    UnavailableCapacity,
}
