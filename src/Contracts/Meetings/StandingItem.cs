namespace CaseGrid.Contracts.Meetings;

/// <summary>An item on every meeting's agenda whatever has changed (domain §10): the person's own round, the next meeting.</summary>
/// <param name="Code"><c>person-round</c> or <c>next-meeting</c>.</param>
/// <param name="Title">Its name in Norwegian (bokmål).</param>
/// <param name="Note">Where it stands, in plain Norwegian (e.g. the next meeting booked, or not yet).</param>
[GenerateSerializer, Immutable, Alias("casegrid.StandingItem")]
public sealed record StandingItem(string Code, string Title, string Note);
