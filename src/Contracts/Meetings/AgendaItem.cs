namespace CaseGrid.Contracts.Meetings;

/// <summary>
/// One line of a meeting's agenda: a change to the case since the last meeting, from the person or the group
/// (domain §5 item 10). Several changes to the same item make one line naming the latest.
/// </summary>
/// <param name="Version">Case version of the latest change the line covers; lines come in this order.</param>
/// <param name="ActorId">Who made that change.</param>
/// <param name="At">When it was made.</param>
/// <param name="Kind">
/// What changed: <c>case</c>, <c>dates</c>, <c>phase</c>, <c>unit</c>, <c>home</c>, <c>member</c>, <c>need</c>,
/// <c>goal</c>, <c>measure</c>, <c>proposal</c>, <c>agreement</c>, <c>encounter</c>, <c>handover</c>,
/// <c>responsibility</c>, <c>escalation</c>, <c>milestone</c>, <c>deadline</c> (missed, and its escalation), <c>inactive</c>
/// (an owner inactive) or <c>exception</c> (a release exception).
/// </param>
/// <param name="Summary">The change in a short Norwegian (bokmål) sentence naming the need area, measure or member.</param>
[GenerateSerializer, Immutable, Alias("casegrid.AgendaItem")]
public sealed record AgendaItem(long Version, string ActorId, DateTimeOffset At, string Kind, string Summary);
