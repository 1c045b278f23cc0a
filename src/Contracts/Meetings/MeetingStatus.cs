namespace CaseGrid.Contracts.Meetings;

/// <summary>Where a meeting of the ansvarsgruppe stands: scheduled → open → closed, or cancelled.</summary>
public enum MeetingStatus
{
    /// <summary>Booked for a time; its agenda grows with every change to the case until it opens.</summary>
    Scheduled,

    /// <summary>Under way: attendance, minutes and decisions are recorded live. At most one meeting is open.</summary>
    Open,

    /// <summary>Held and closed; its record no longer changes.</summary>
    Closed,

    /// <summary>Called off, with a reason; its agenda carries over to the next meeting.</summary>
    Cancelled,
}
