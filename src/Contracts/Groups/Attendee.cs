namespace CaseGrid.Contracts.Groups;

/// <summary>One member at a meeting or contact.</summary>
/// <param name="UserId">The member.</param>
/// <param name="Attendance">In the room or remote.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Attendee")]
public sealed record Attendee(string UserId, Attendance Attendance);
