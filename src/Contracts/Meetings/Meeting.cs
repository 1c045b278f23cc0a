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
    long Version)
{
    /// <summary>True once closed or cancelled: the record no longer changes.</summary>
    public bool IsFinished => Status is MeetingStatus.Closed or MeetingStatus.Cancelled;
}
