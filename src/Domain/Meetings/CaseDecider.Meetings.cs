using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Meetings;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain;

// Live meetings of the ansvarsgruppe (domain §10): scheduled and opened by the agencies, attended in the room or
// remote, minutes co-edited against their version, every decision made a measure with an owner and a date, and
// closed as a group meeting held — which is what makes a handover's overlap real for a receiver who attended.
public static partial class CaseDecider
{
    /// <summary>Longest minutes accepted: well inside the API's request size limit.</summary>
    public const int MaxMinutes = 16_000;

    private static Decision Schedule(CaseState s, ScheduleMeeting c, CommandContext ctx)
    {
        if (IsPerson(s, ctx.Actor.UserId))
        {
            return Forbidden("meeting.person", "Meetings are scheduled by the agencies in the group.");
        }

        return (DomainError?)Text(c.Title, "title", MaxName, required: true)
            ?? (CommandContext.NorwegianDate(c.ScheduledFor) < ctx.Today
                ? Unprocessable("meeting.in-past", $"A meeting is scheduled for today or later, not {c.ScheduledFor:yyyy-MM-dd}; record a meeting already held as an encounter.")
                : null)
            ?? (Decision)new MeetingScheduled(ctx.NewId("meeting"), c.ScheduledFor, c.Title);
    }

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

    private static Decision Attend(CaseState s, RecordAttendance c, CommandContext ctx)
    {
        var (meeting, refused) = Find(s, c.MeetingId, ctx, agencyOnly: false, "attended");
        if (refused is not null)
        {
            return refused;
        }

        if (IsPerson(s, ctx.Actor.UserId) && c.UserId != ctx.Actor.UserId)
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
        var (meeting, refused) = Find(s, c.MeetingId, ctx, agencyOnly: false, "minuted");
        if (refused is not null)
        {
            return refused;
        }

        return (DomainError?)MustBeOpen(meeting!)
            ?? Text(c.Text, "text", MaxMinutes)
            ?? (c.ExpectedVersion != meeting!.MinutesVersion ? Stale("minutes text", c.ExpectedVersion, meeting.MinutesVersion, meeting) : null)
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

        // Closed, the meeting is a group meeting held on the day it opened, with the overlap that brings; the closing
        // event comes last so the next agenda starts after everything the meeting did.
        var encounter = new Encounter(
            ctx.NewId("enc"), EncounterKind.GroupMeeting, CommandContext.NorwegianDate(meeting.OpenedAt!.Value), meeting.Attendees, meeting.Title);
        return Decision.Accept([.. HandoverRules.Record(s, encounter), new MeetingClosed(meeting.MeetingId, encounter.EncounterId)]);
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

    /// <summary>The meeting, if it exists, may still change, and the actor may act on it.</summary>
    private static (Meeting? Meeting, DomainError? Refused) Find(CaseState s, string? meetingId, CommandContext ctx, bool agencyOnly, string what)
    {
        if (!s.Meetings.TryGetValue(meetingId ?? "", out var meeting))
        {
            return (null, NotFound("meeting.not-found", $"No meeting '{meetingId}'."));
        }

        if (agencyOnly && IsPerson(s, ctx.Actor.UserId))
        {
            return (null, Forbidden("meeting.person", $"A meeting is {what} by the agencies in the group; the person takes part and may propose."));
        }

        return meeting.IsFinished
            ? (null, Conflict("meeting.finished", $"The meeting is {meeting.Status} and its record no longer changes."))
            : (meeting, null);
    }

    private static DomainError? MustBeOpen(Meeting meeting) =>
        meeting.Status == MeetingStatus.Open ? null : Conflict("meeting.not-open", "Attendance, minutes and decisions are recorded while the meeting is open.");
}
