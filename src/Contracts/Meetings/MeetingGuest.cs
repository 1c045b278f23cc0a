namespace CaseGrid.Contracts.Meetings;

/// <summary>
/// Someone at a meeting who is not a member of the ansvarsgruppe (an interpreter, a lawyer, family): named on the
/// minutes, without access to the plan.
/// </summary>
/// <param name="GuestId">Id of the guest entry.</param>
/// <param name="Name">The guest's name as it goes on the minutes.</param>
/// <param name="Role">Why they take part.</param>
[GenerateSerializer, Immutable, Alias("casegrid.MeetingGuest")]
public sealed record MeetingGuest(string GuestId, string Name, GuestRole Role);
