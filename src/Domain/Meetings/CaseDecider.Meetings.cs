using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain;

// Meetings of the ansvarsgruppe as they are held (domain §10): called by any member — the person too, who may chair —
// with an invitation (invitees, a place or a video link, notice to the person), apologies, guests who are not members on
// the minutes, attendance in the room or remote, minutes co-edited against their version, every decision made a measure
// with an owner and a date, the next meeting booked before it closes (002:905-906), and minutes approved and sent to the
// members and the person. A meeting closed counts as a group meeting held — which is what makes a handover's overlap real
// for a receiver who attended.
public static partial class CaseDecider
{
    /// <summary>Longest minutes accepted: well inside the API's request size limit.</summary>
    public const int MaxMinutes = 16_000;

    private const int MaxLink = 500;

    private static Decision Schedule(CaseState s, ScheduleMeeting c, CommandContext ctx)
    {
        var invalid = Text(c.Title, "title", MaxName, required: true)
            ?? (CommandContext.NorwegianDate(c.ScheduledFor) < ctx.Today
                ? Unprocessable("meeting.in-past", $"A meeting is scheduled for today or later, not {c.ScheduledFor:yyyy-MM-dd}; record a meeting already held as an encounter.")
                : null)
            ?? CheckChair(s, c.ChairId, ctx);
        if (invalid is not null)
        {
            return invalid;
        }

        // Booked only, or booked and invited at once when it says where.
        var inviting = c.Place is not null || c.VideoLink is not null || c.Invitees is { IsDefaultOrEmpty: false };
        if (!inviting)
        {
            return new MeetingScheduled(ctx.NewId("meeting"), c.ScheduledFor, c.Title, [], null, null, c.ChairId);
        }

        var (invitees, refused) = Invitation(s, c.Invitees ?? [], c.Place, c.VideoLink, ctx);
        return (DomainError?)refused ?? (Decision)new MeetingScheduled(ctx.NewId("meeting"), c.ScheduledFor, c.Title, invitees, Trimmed(c.Place), Trimmed(c.VideoLink), c.ChairId);
    }

    private static Decision Reinvite(CaseState s, SendMeetingInvitation c, CommandContext ctx)
    {
        if (!s.Meetings.TryGetValue(c.MeetingId ?? "", out var meeting))
        {
            return NotFound("meeting.not-found", $"No meeting '{c.MeetingId}'.");
        }

        if (meeting.Status != MeetingStatus.Scheduled)
        {
            return Conflict("meeting.not-scheduled", $"The meeting is {meeting.Status}; invitations go out before it opens.");
        }

        if (IsPerson(s, ctx.Actor.UserId) && !IsConvener(s, meeting, ctx.Actor.UserId))
        {
            return Forbidden("meeting.person", "The person sends the invitation to a meeting they called or chair; the agencies send the others.");
        }

        var (invitees, refused) = Invitation(s, c.Invitees, c.Place, c.VideoLink, ctx);
        return (DomainError?)refused
            ?? CheckChair(s, c.ChairId, ctx)
            ?? (Decision)new MeetingInvitationSent(meeting.MeetingId, invitees, Trimmed(c.Place), Trimmed(c.VideoLink), c.ChairId);
    }

    /// <summary>
    /// An invitation's invitees, checked: current members (every one when none are named), the person always among them
    /// (notice to the person), and everyone delivering a measure — it is accepted by its owner or under way — invited
    /// (002:1085-1086, a <i>skal</i>); and a place or a video link to meet at.
    /// </summary>
    private static (ImmutableArray<string> Invitees, DomainError? Refused) Invitation(
        CaseState s, ImmutableArray<string> named, string? place, string? videoLink, CommandContext ctx)
    {
        var invalid = First(
            Text(place, "place", MaxName),
            Text(videoLink, "videoLink", MaxLink),
            string.IsNullOrWhiteSpace(place) && string.IsNullOrWhiteSpace(videoLink)
                ? Unprocessable("meeting.place-required", "An invitation says where: a place, a video link, or both.")
                : null);
        if (invalid is not null)
        {
            return ([], invalid);
        }

        var current = s.Members.Values.Where(m => m.IsActiveOn(ctx.Today) && m.Until is null).Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        if (!named.IsDefaultOrEmpty)
        {
            var stranger = named.FirstOrDefault(id => id is null || !current.Contains(id));
            if (stranger is not null || named.Any(id => id is null))
            {
                return ([], Unprocessable("meeting.invitee-not-member", $"'{stranger}' is not a current member of the group; guests who are not members are put on the minutes at the meeting."));
            }

            var deliverers = s.Measures.Values
                .Where(m => m.Status is Contracts.Plan.MeasureStatus.AcceptedByOwner or Contracts.Plan.MeasureStatus.Started && current.Contains(m.OwnerId) && !named.Contains(m.OwnerId))
                .Select(m => m.OwnerId)
                .Where(id => !IsPerson(s, id))
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();
            if (deliverers.Count > 0)
            {
                return ([], new DomainError(ErrorKind.Unprocessable, "meeting.deliverers-not-invited",
                    $"Everyone delivering a measure takes part in the meetings: invite {string.Join(", ", deliverers.Select(id => s.Members[id].DisplayName))} too.",
                    null, deliverers.ToImmutableArray()));
            }
        }

        var person = s.Members.Values.FirstOrDefault(m => m.Role == MemberRole.Person && current.Contains(m.UserId))?.UserId;
        IEnumerable<string> invited = named.IsDefaultOrEmpty ? current : named.Append(person).OfType<string>();
        return ([.. invited.Distinct().Order(StringComparer.Ordinal)], null);
    }

    private static DomainError? CheckChair(CaseState s, string? chairId, CommandContext ctx) =>
        chairId is null || (ActiveMember(s, chairId, ctx.Today) is { Until: null })
            ? null
            : Unprocessable("meeting.chair-not-member", $"'{chairId}' is not a current member of the group and cannot chair.");

    /// <summary>True when the user called the meeting or chairs it: they run it, the person included.</summary>
    private static bool IsConvener(CaseState s, Meeting meeting, string userId) =>
        meeting.ChairId == userId || meeting.CalledById == userId;

    private static Decision Begin(CaseState s, OpenMeeting c, CommandContext ctx)
    {
        var (meeting, refused) = Find(s, c.MeetingId, ctx, agencyOnly: true, "opened");
        if (refused is not null)
        {
            return refused;
        }

        if (meeting!.Status == MeetingStatus.Open)
        {
            return Conflict("meeting.already-open", "The meeting is already open.");
        }

        var other = s.MeetingInProgress;
        return other is not null
            ? Conflict("meeting.another-open", $"Meeting '{other.MeetingId}' is open; close it first.")
            : new MeetingOpened(meeting.MeetingId);
    }

    private static Decision Apologise(CaseState s, RecordApology c, CommandContext ctx)
    {
        var (meeting, refused) = Find(s, c.MeetingId, ctx, agencyOnly: false, "answered");
        if (refused is not null)
        {
            return refused;
        }

        if (c.UserId != ctx.Actor.UserId && IsPerson(s, ctx.Actor.UserId))
        {
            return Forbidden("meeting.person-self-only", "The person sends their own apologies; the agencies record anyone's.");
        }

        if (ActiveMember(s, c.UserId, ctx.Today) is null)
        {
            return Unprocessable("meeting.attendee-not-member", $"'{c.UserId}' is not an active member of the group.");
        }

        if (meeting!.Attendees.Any(a => a.UserId == c.UserId))
        {
            return Conflict("meeting.already-attending", "The member is recorded as taking part in the meeting.");
        }

        return Listed(meeting.Apologies).Contains(c.UserId) ? Decision.Accept() : new ApologyRecorded(meeting.MeetingId, c.UserId);
    }

    private static Decision Guest(CaseState s, AddMeetingGuest c, CommandContext ctx)
    {
        var (meeting, refused) = Find(s, c.MeetingId, ctx, agencyOnly: true, "minuted");
        return (DomainError?)refused
            ?? MustBeOpen(meeting!)
            ?? Text(c.Name, "name", MaxName, required: true)
            ?? (Enum.IsDefined(c.Role) ? null : BadRequest("guest.role-invalid", "Unknown guest role."))
            ?? (Decision)new MeetingGuestAdded(meeting!.MeetingId, ctx.NewId("guest"), c.Name.Trim(), c.Role);
    }

    private static Decision Attend(CaseState s, RecordAttendance c, CommandContext ctx)
    {
        var (meeting, refused) = Find(s, c.MeetingId, ctx, agencyOnly: false, "attended");
        if (refused is not null)
        {
            return refused;
        }

        if (IsPerson(s, ctx.Actor.UserId) && c.UserId != ctx.Actor.UserId && !IsConvener(s, meeting!, ctx.Actor.UserId))
        {
            return Forbidden("meeting.person-self-only", "The person records their own attendance; the agencies record everyone's.");
        }

        var open = MustBeOpen(meeting!);
        if (open is not null)
        {
            return open;
        }

        if (!Enum.IsDefined(c.Attendance))
        {
            return BadRequest("attendance.invalid", "Unknown attendance.");
        }

        if (ActiveMember(s, c.UserId, ctx.Today) is null)
        {
            return Unprocessable("meeting.attendee-not-member", $"'{c.UserId}' is not an active member of the group.");
        }

        return meeting!.Attendees.Contains(new Attendee(c.UserId, c.Attendance))
            ? Decision.Accept()
            : new AttendanceRecorded(meeting.MeetingId, c.UserId, c.Attendance);
    }

    private static Decision WriteMinutes(CaseState s, EditMinutes c, CommandContext ctx)
    {
        var (meeting, refused) = Find(s, c.MeetingId, ctx, agencyOnly: false, "minuted", minutesOpen: true);
        if (refused is not null)
        {
            return refused;
        }

        return (DomainError?)(meeting!.Status is MeetingStatus.Open or MeetingStatus.Closed
                ? null
                : Conflict("meeting.not-open", "Minutes are written while the meeting is open, and after it closes until they are approved."))
            ?? Text(c.Text, "text", MaxMinutes)
            ?? (c.ExpectedVersion != meeting.MinutesVersion ? Stale("minutes text", c.ExpectedVersion, meeting.MinutesVersion, meeting) : null)
            ?? (c.Text == meeting.Minutes ? Decision.Accept() : new MinutesEdited(meeting.MeetingId, c.Text));
    }

    private static Decision MakeDecision(CaseState s, RecordDecision c, CommandContext ctx)
    {
        var (meeting, refused) = Find(s, c.MeetingId, ctx, agencyOnly: false, "decided on");
        if (refused is not null)
        {
            return refused;
        }

        var invalid = MustBeOpen(meeting!)
            ?? (c.Due is null ? BadRequest("decision.due-required", "Every decision becomes a measure with a date: 'due' is required.") : null)
            ?? (c.Due < ctx.Today ? Unprocessable("decision.due-in-past", $"The date {c.Due:yyyy-MM-dd} has passed.") : null)
            ?? Text(c.Text, "text", MaxText, required: true)
            ?? CheckMeasure(s, c.NeedCodes, c.Text, null, null, c.OwnerId, ctx);
        if (invalid is not null)
        {
            return invalid;
        }

        var decisionId = ctx.NewId("decision");
        var measureId = ctx.NewId("measure");
        return Decision.Accept(
            new DecisionRecorded(meeting!.MeetingId, decisionId, c.Text, measureId),
            new MeasureAdded(measureId, c.NeedCodes, c.Text, $"Meeting {meeting.MeetingId}, decision {decisionId}", c.OwnerId, c.Due, null));
    }

    private static Decision Close(CaseState s, CloseMeeting c, CommandContext ctx)
    {
        var (meeting, refused) = Find(s, c.MeetingId, ctx, agencyOnly: true, "closed");
        if (refused is not null)
        {
            return refused;
        }

        var open = MustBeOpen(meeting!);
        if (open is not null)
        {
            return open;
        }

        if (meeting!.Attendees.IsEmpty)
        {
            return Unprocessable("meeting.attendance-required", "Record who took part before closing the meeting.");
        }

        // The next meeting is booked before a meeting closes (002:905-906, a skal); only once the person is released may
        // the group close its last meeting, saying why.
        var next = s.Meetings.Values.Any(m => m.Status == MeetingStatus.Scheduled && m.MeetingId != meeting.MeetingId);
        string? noNext = null;
        if (!next)
        {
            if (s.Phase is not (CasePhase.Released or CasePhase.Aftercare) || string.IsNullOrWhiteSpace(c.NoNextMeetingReason))
            {
                return Conflict("meeting.next-not-booked", "Book the next meeting before closing this one"
                    + (s.Phase is CasePhase.Released or CasePhase.Aftercare ? ", or say why there is to be no next meeting." : "."));
            }

            var reason = Text(c.NoNextMeetingReason, "noNextMeetingReason", MaxText);
            if (reason is not null)
            {
                return reason;
            }

            noNext = c.NoNextMeetingReason;
        }

        // Closed, the meeting is a group meeting held on the day it opened, with the overlap that brings; the closing
        // event comes last so the next agenda starts after everything the meeting did.
        var encounter = new Encounter(
            ctx.NewId("enc"), EncounterKind.GroupMeeting, CommandContext.NorwegianDate(meeting.OpenedAt!.Value), meeting.Attendees, meeting.Title);
        return Decision.Accept([.. HandoverRules.Record(s, encounter), new MeetingClosed(meeting.MeetingId, encounter.EncounterId, noNext)]);
    }

    private static Decision ApproveTheMinutes(CaseState s, ApproveMinutes c, CommandContext ctx)
    {
        if (!s.Meetings.TryGetValue(c.MeetingId ?? "", out var meeting))
        {
            return NotFound("meeting.not-found", $"No meeting '{c.MeetingId}'.");
        }

        var actor = ctx.Actor.UserId;
        if (meeting.ChairId is { } chair ? chair != actor && !IsCoordinator(s, actor) : !IsCoordinator(s, actor))
        {
            return Forbidden("meeting.not-chair", "The minutes are approved by the meeting's chair, or the coordinator.");
        }

        if (meeting.Status != MeetingStatus.Closed)
        {
            return Conflict("meeting.not-closed", "Minutes are approved once the meeting has closed.");
        }

        if (meeting.MinutesApprovedAt is not null)
        {
            return Conflict("meeting.minutes-approved", "The minutes are already approved and sent.");
        }

        if (string.IsNullOrWhiteSpace(meeting.Minutes))
        {
            return Unprocessable("meeting.minutes-empty", "Write the minutes before approving them.");
        }

        // Sent to everyone in the group now, the person included: what they agreed on, whether or not they were there.
        var recipients = s.Members.Values.Where(m => m.IsActiveOn(ctx.Today)).Select(m => m.UserId).Order(StringComparer.Ordinal);
        return new MinutesApproved(meeting.MeetingId, [.. recipients]);
    }

    private static Decision Cancel(CaseState s, CancelMeeting c, CommandContext ctx)
    {
        var (meeting, refused) = Find(s, c.MeetingId, ctx, agencyOnly: true, "cancelled");
        if (refused is not null)
        {
            return refused;
        }

        if (!meeting!.Decisions.IsEmpty)
        {
            return Conflict("meeting.has-decisions", "The meeting has made decisions, which are measures now; close it instead.");
        }

        var reason = Text(c.Reason, "reason", MaxText, required: true);
        return reason is not null
            ? reason with { Kind = ErrorKind.Unprocessable, Code = "meeting.reason-required" }
            : new MeetingCancelled(meeting.MeetingId, c.Reason);
    }

    /// <summary>
    /// The meeting, if it exists, may still change, and the actor may act on it: agency members, or — where
    /// <paramref name="agencyOnly"/> — the person when they called or chair it. Minutes stay open after closing until approved.
    /// </summary>
    private static (Meeting? Meeting, DomainError? Refused) Find(CaseState s, string? meetingId, CommandContext ctx, bool agencyOnly, string what, bool minutesOpen = false)
    {
        if (!s.Meetings.TryGetValue(meetingId ?? "", out var meeting))
        {
            return (null, NotFound("meeting.not-found", $"No meeting '{meetingId}'."));
        }

        if (agencyOnly && IsPerson(s, ctx.Actor.UserId) && !IsConvener(s, meeting, ctx.Actor.UserId))
        {
            return (null, Forbidden("meeting.person", $"A meeting is {what} by the agencies in the group, or by the person when they called or chair it."));
        }

        var stillOpen = !meeting.IsFinished || (minutesOpen && meeting.Status == MeetingStatus.Closed && meeting.MinutesApprovedAt is null);
        return stillOpen
            ? (meeting, null)
            : (null, Conflict("meeting.finished", $"The meeting is {meeting.Status}{(meeting.MinutesApprovedAt is null ? "" : " with its minutes approved")} and its record no longer changes."));
    }

    private static DomainError? MustBeOpen(Meeting meeting) =>
        meeting.Status == MeetingStatus.Open ? null : Conflict("meeting.not-open", "Attendance, guests and decisions are recorded while the meeting is open.");

    private static ImmutableArray<T> Listed<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
