namespace CaseGrid.Domain.Time;

/// <summary>The unit a deadline offset is counted in.</summary>
public enum PeriodUnit
{
    /// <summary>Calendar days.</summary>
    Days,

    /// <summary>Weeks of seven days.</summary>
    Weeks,

    /// <summary>Calendar months (the same day of the month, or the month's last day).</summary>
    Months,

    /// <summary>Calendar years.</summary>
    Years,

    /// <summary>Norwegian working days: Monday to Friday, public holidays excluded (<see cref="WorkingDays"/>).</summary>
    WorkingDays,
}
