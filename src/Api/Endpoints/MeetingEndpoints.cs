using CaseGrid.Api.Audit;
using System.Collections.Immutable;
using System.Security.Claims;
using CaseGrid.Api.Auth;
using CaseGrid.Api.Infrastructure;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CaseGrid.Api.Endpoints;

/// <summary>Live meetings of the ansvarsgruppe: schedule, open, attendance, minutes, decisions, close, cancel.</summary>
public static class MeetingEndpoints
{
    /// <summary>Map the meeting routes under <c>/api/v1/cases/{caseId}</c>.</summary>
    public static RouteGroupBuilder MapMeetings(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/v1/cases/{caseId}").WithTags("Meetings").RequireAuthorization();

        meetings.MapGet("/meetings/{meetingId}/agenda", AgendaAsync)
            .WithSummary("The meeting's agenda: every change, from the person or the group, since the previous meeting closed.");
        meetings.MapCommand<ScheduleMeeting>("POST", "/meetings", (b, _) => b)
            .WithSummary("Call a meeting (any member, the person too, who may chair it); with a place or video link its invitation goes out at once. Its agenda is the changes since the last meeting closed.");
        meetings.MapCommand<InvitationRequest>("PUT", "/meetings/{meetingId}/invitation", (b, r) => new SendMeetingInvitation(r.Route("meetingId"), b.Invitees, b.Place, b.VideoLink, b.ChairId))
            .WithSummary("Send (or send again) the invitation: invitees (everyone when empty; everyone delivering a measure must be invited; the person always is), a place or a video link, the chair.");
        meetings.MapCommand<UserRequest>("POST", "/meetings/{meetingId}/apologies", (b, r) => new RecordApology(r.Route("meetingId"), b.UserId))
            .WithSummary("Record a member's apologies (forfall) for a meeting not yet closed.");
        meetings.MapCommand<GuestRequest>("POST", "/meetings/{meetingId}/guests", (b, r) => new AddMeetingGuest(r.Route("meetingId"), b.Name, b.Role))
            .WithSummary("Put a guest who is not a member (interpreter, lawyer, family) on the open meeting's minutes; they get no access to the plan.");
        meetings.MapCommand("/meetings/{meetingId}/minutes/approve", r => new ApproveMinutes(r.Route("meetingId")))
            .WithSummary("Approve a closed meeting's minutes (its chair, or the coordinator) and send them to the members and the person.");
        meetings.MapCommand("/meetings/{meetingId}/open", r => new OpenMeeting(r.Route("meetingId")))
            .WithSummary("Open a scheduled meeting; one meeting is open at a time.");
        meetings.MapCommand<AttendanceRequest>("PUT", "/meetings/{meetingId}/attendance/{userId}", (b, r) => new RecordAttendance(r.Route("meetingId"), r.Route("userId"), b.Attendance))
            .WithSummary("Record a member as present in the room or remote; recording again changes the mode.");
        meetings.MapCommand<MinutesRequest>("PUT", "/meetings/{meetingId}/minutes", (b, r) => new EditMinutes(r.Route("meetingId"), b.ExpectedVersion, b.Text))
            .WithSummary("Replace the minutes against their version; a stale version is refused with the current minutes.");
        meetings.MapCommand<DecisionRequest>("POST", "/meetings/{meetingId}/decisions", (b, r) => new RecordDecision(r.Route("meetingId"), b.Text, b.NeedCodes, b.OwnerId, b.Due))
            .WithSummary("Record a decision; it becomes a measure with an owner and a date.");
        meetings.MapMethods("/meetings/{meetingId}/close", ["POST"], (string caseId, string meetingId, [FromBody] CloseRequest? body, HttpContext http, IGrainFactory grains) =>
                CaseCommandHandler.SendAsync(grains, http, caseId, new CloseMeeting(meetingId, body?.NoNextMeetingReason)))
            .Accepts<CloseRequest>(isOptional: true, "application/json")
            .ProducesCommandOutcomes()
            .WithSummary("Close the open meeting once the next one is booked: a group meeting held by those who attended, establishing handover overlap. After release, the last meeting may close without a next one, saying why.");
        meetings.MapCommand<ReasonRequest>("POST", "/meetings/{meetingId}/cancel", (b, r) => new CancelMeeting(r.Route("meetingId"), b.Reason))
            .WithSummary("Call off a meeting that has made no decisions, with a reason.");
        return meetings;
    }

    private static async Task<Results<Ok<AgendaResult>, ProblemHttpResult>> AgendaAsync(string caseId, string meetingId, IGrainFactory grains, ClaimsPrincipal user, AuditLog audit)
    {
        if (!CaseGridIds.IsValid(caseId) || !CaseGridIds.IsValid(meetingId))
        {
            return ProblemResults.Problem(new DomainError(ErrorKind.BadRequest, "id.invalid", "The case or meeting id is not valid."));
        }

        var actor = user.ToActor();
        var agenda = await grains.Case(caseId).GetAgendaAsync(actor, meetingId);
        await audit.RecordReadAsync(actor, "meeting.agenda", caseId, $"meeting {meetingId}", agenda.Error);
        return agenda.Error is { } error ? ProblemResults.Problem(error) : TypedResults.Ok(agenda);
    }
}

/// <summary>How a member takes part in a meeting.</summary>
/// <param name="Attendance">In the room or remote.</param>
public sealed record AttendanceRequest(Attendance Attendance);

/// <summary>The minutes as they should read, edited against <see cref="ExpectedVersion"/>.</summary>
/// <param name="ExpectedVersion">The minutes' version the edit was made on (<c>minutesVersion</c> of the meeting).</param>
/// <param name="Text">The whole minutes; null or empty clears them.</param>
public sealed record MinutesRequest(long ExpectedVersion, string? Text);

/// <summary>A decision of the meeting, and the measure it becomes.</summary>
/// <param name="Text">What was decided: the measure's "what".</param>
/// <param name="NeedCodes">The need areas the measure answers.</param>
/// <param name="OwnerId">The member who carries it out.</param>
/// <param name="Due">When it is due; required.</param>
public sealed record DecisionRequest(string Text, ImmutableArray<string> NeedCodes, string OwnerId, DateOnly? Due);

/// <summary>A meeting's invitation.</summary>
/// <param name="Invitees">The members invited; everyone when empty. The person is always invited.</param>
/// <param name="Place">Where, for those in the room.</param>
/// <param name="VideoLink">The link, for those remote.</param>
/// <param name="ChairId">Who chairs it (the person may); the coordinator when null.</param>
public sealed record InvitationRequest(ImmutableArray<string> Invitees, string? Place, string? VideoLink, string? ChairId);

/// <summary>A guest on the minutes.</summary>
/// <param name="Name">Their name.</param>
/// <param name="Role">Interpreter, Lawyer, Family or Other.</param>
public sealed record GuestRequest(string Name, GuestRole Role);

/// <summary>Closing a meeting.</summary>
/// <param name="NoNextMeetingReason">After release only: why there is to be no next meeting.</param>
public sealed record CloseRequest(string? NoNextMeetingReason);
