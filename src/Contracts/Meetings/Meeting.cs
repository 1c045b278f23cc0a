using System.Collections.Immutable;
using CaseGrid.Contracts.Groups;

namespace CaseGrid.Contracts.Meetings;

/// <summary>
/// A meeting of the ansvarsgruppe (domain §10): scheduled, then held live — attendance in the room or remote,
/// minutes co-edited, decisions that become measures — and closed, when it counts as a group meeting held.
/// Its agenda is every change to the case after <see cref="AgendaFromVersion"/>.
/// </summary>
/// <param name="MeetingId">Id of the meeting.</param>
/// <param name="ScheduledFor">When the meeting is booked for.</param>
/// <param name="Title">A short title, e.g. <c>Ansvarsgruppemøte før løslatelse</c>.</param>
/// <param name="Status">Where the meeting stands.</param>
/// <param name="AgendaFromVersion">
/// The case version the agenda starts after: the closing version of the last meeting closed (0 before any).
/// Follows later closings while the meeting is scheduled; fixed once it opens.
/// </param>
/// <param name="Attendees">Who took part, in the room or remote, in the order first recorded.</param>
/// <param name="Minutes">The minutes (referat), co-edited while the meeting is open.</param>
/// <param name="MinutesVersion">Case version of the last change to the minutes: the version an edit is made against.</param>
/// <param name="Decisions">The decisions made, in order.</param>
/// <param name="OpenedAt">When the meeting opened.</param>
/// <param name="ClosedAt">When it closed or was cancelled.</param>
/// <param name="ClosedAtVersion">The case version of its closing; the next meeting's agenda starts after it.</param>
/// <param name="CancelReason">Why it was cancelled.</param>
/// <param name="EncounterId">The group-meeting encounter its closing recorded.</param>
/// <param name="Version">Case version of the last change to this meeting.</param>
/// <param name="Invitees">The members invited (the invitation); every member delivering a measure is among them.</param>
/// <param name="Place">Where it is held, for those in the room.</param>
/// <param name="VideoLink">The link for those taking part remotely.</param>
/// <param name="ChairId">The member who chairs it (the person may); null when the coordinator does.</param>
/// <param name="CalledById">The member who called it (the person may).</param>
/// <param name="InvitedAt">When the invitation (or its last change) went out; the person's notice counts from it.</param>
/// <param name="Apologies">Members who sent apologies (forfall), in the order recorded.</param>
/// <param name="Guests">Guests who are not members (interpreter, lawyer, family), on the minutes without access to the plan.</param>
/// <param name="MinutesApprovedAt">When the minutes were approved and sent; they no longer change after that.</param>
/// <param name="MinutesApprovedById">Who approved them.</param>
/// <param name="MinutesSentTo">The members (the person included) the approved minutes were sent to.</param>
/// <param name="NoNextMeetingReason">Why it closed without a next meeting booked (only after release, when the group winds down).</param>
[GenerateSerializer, Immutable, Alias("casegrid.Meeting")]
public sealed record Meeting(
    string MeetingId,
    DateTimeOffset ScheduledFor,
    string Title,
    MeetingStatus Status,
    long AgendaFromVersion,
    ImmutableArray<Attendee> Attendees,
    string? Minutes,
    long MinutesVersion,
    ImmutableArray<MeetingDecision> Decisions,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt,
    long? ClosedAtVersion,
    string? CancelReason,
    string? EncounterId,
    long Version,
    ImmutableArray<string> Invitees,
    string? Place,
    string? VideoLink,
    string? ChairId,
    string? CalledById,
    DateTimeOffset? InvitedAt,
    ImmutableArray<string> Apologies,
    ImmutableArray<MeetingGuest> Guests,
    DateTimeOffset? MinutesApprovedAt,
    string? MinutesApprovedById,
    ImmutableArray<string> MinutesSentTo,
    string? NoNextMeetingReason)
{
    /// <summary>True once closed or cancelled: the record no longer changes.</summary>
    public bool IsFinished => Status is MeetingStatus.Closed or MeetingStatus.Cancelled;
}
