namespace CaseGrid.Contracts.Groups;

/// <summary>How a member attended a meeting.</summary>
public enum Attendance
{
    /// <summary>In the room.</summary>
    Physical,

    /// <summary>Remote, by video or phone.</summary>
    Digital,
}
