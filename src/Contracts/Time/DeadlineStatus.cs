namespace CaseGrid.Contracts.Time;

/// <summary>Where a computed deadline stands on a given day.</summary>
public enum DeadlineStatus
{
    /// <summary>Due later than the due-soon horizon.</summary>
    Upcoming,

    /// <summary>Due within the due-soon horizon (by default seven days), today included.</summary>
    DueSoon,

    /// <summary>The due day has passed without the deadline being met.</summary>
    Overdue,

    /// <summary>Met: the milestone was recorded or the fact holds.</summary>
    Met,

    /// <summary>Does not apply to this case now (a condition fails, a date it counts from is missing, or the phase is past it).</summary>
    NotApplicable,
}
