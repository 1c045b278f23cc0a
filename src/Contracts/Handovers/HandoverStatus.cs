namespace CaseGrid.Contracts.Handovers;

/// <summary>Where a handover stands (domain §6).</summary>
public enum HandoverStatus
{
    /// <summary>Offered by the current owner; the sender alone is responsible.</summary>
    Offered,

    /// <summary>Accepted: the receiver has taken hold and both are responsible (the overlap).</summary>
    Accepted,

    /// <summary>Completed: the receiver is the owner and the sender is released.</summary>
    Completed,

    /// <summary>Declined by the receiver with a reason; the sender stays owner.</summary>
    Declined,

    /// <summary>Withdrawn by the sender, or cancelled by a leader's override.</summary>
    Withdrawn,
}
