using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain;

// Time in a case (domain §4, §7, §8): milestones the deadlines wait for, key-date changes and who has seen them,
// conditional commitments that re-open when the release date moves, the release gate and the first-days list.
// What the clock does on its own is in TimeRules.
public static partial class CaseDecider
{
    private static Decision Milestone(CaseState s, RecordMilestone c, CommandContext ctx)
    {
        if (IsPerson(s, ctx.Actor.UserId))
        {
            return Forbidden("milestone.person", "Milestones are recorded by the agencies in the group.");
        }

        return (DomainError?)(Enum.IsDefined(c.Kind) ? null : BadRequest("milestone.kind-invalid", "Unknown milestone."))
            ?? (c.Date == default ? BadRequest("milestone.date-required", "The day the milestone happened is required.") : null)
            ?? (c.Date > ctx.Today ? Unprocessable("milestone.in-future", $"A milestone is recorded once it has happened, not for {c.Date:yyyy-MM-dd}.") : null)
            ?? Text(c.Note, "note", MaxText)
            ?? (c.Kind == MilestoneKind.IntakeConversation && !s.Meetings.Values.Any(m => m.Status == Contracts.Meetings.MeetingStatus.Scheduled && m.ScheduledFor >= ctx.Now)
                ? Conflict("milestone.next-meeting-required", "At the intake meeting the next meeting is booked (002:905-906): book it before recording the intake conversation.")
                : null)
            ?? (Decision)new MilestoneRecorded(c.Kind, c.Date, c.Note);
    }

    /// <summary>
    /// Owners, agency members and staff of a receiving unit (an open handover is offered to it) confirm they have seen
    /// the current key dates. Acknowledging again, or an older version than one already acknowledged, changes nothing.
    /// </summary>
    private static Decision Acknowledge(CaseState s, AcknowledgeKeyDates c, CommandContext ctx)
    {
        var actor = ctx.Actor.UserId;
        var member = ActiveMember(s, actor, ctx.Today);
        var unitId = member?.UnitId ?? s.IncomingUnitIds.Order(StringComparer.Ordinal).FirstOrDefault(ctx.IsStaffOf);
        if (member is null && unitId is null)
        {
            return Forbidden("dates.ack-not-concerned", "Key dates are acknowledged by the group's agency members and by staff of a unit a handover is offered to.");
        }

        if (member?.Role == MemberRole.Person)
        {
            return Forbidden("dates.ack-person", "Key dates are acknowledged by the agencies; the person sees them in their plan.");
        }

        if (c.DatesVersion != s.DatesVersion)
        {
            return Stale("key dates", c.DatesVersion, s.DatesVersion, s.Dates);
        }

        return s.DateAcknowledgements.GetValueOrDefault(actor)?.DatesVersion >= c.DatesVersion
            ? Decision.Accept()
            : new KeyDatesAcknowledged(c.DatesVersion, unitId);
    }

    private static Decision ReleaseException(CaseState s, RecordReleaseException c, CommandContext ctx, NeedAreaCatalogue catalogue)
    {
        var actor = ctx.Actor.UserId;
        var owner = s.OwnerOf(c.Code ?? "");
        var mayAct = (ActiveMember(s, actor, ctx.Today) is not null && IsCoordinator(s, actor))
            || ctx.IsLeaderOf(s.CurrentUnitId) || ctx.IsLeaderOf(UnitOf(s, owner));
        if (!mayAct)
        {
            return Forbidden("release-exception.not-allowed", "A release exception is recorded by the coordinator or a leader of the unit holding the case or of the area's owner.");
        }

        if (!ReleaseGate.IsExceptionCode(s, catalogue, c.Code))
        {
            return Unprocessable("release-exception.not-critical", $"'{c.Code}' is neither a need area of the plan that is critical for release, the coordinator role, nor the exit conversation.");
        }

        if (s.Phase is CasePhase.Released or CasePhase.Aftercare)
        {
            return Conflict("release-exception.released", "The case is already released.");
        }

        var reason = Text(c.Reason, "reason", MaxText, required: true);
        return reason is not null
            ? reason with { Kind = ErrorKind.Unprocessable, Code = "release-exception.reason-required" }
            : new ReleaseExceptionRecorded(c.Code!, c.Reason);
    }

    private static Decision FirstDays(CaseState s, UpdateFirstDaysItem c, CommandContext ctx)
    {
        var item = s.FirstDays.FirstOrDefault(i => i.ItemId == c.ItemId);
        if (item is null)
        {
            return NotFound("first-days.item-not-found", s.FirstDays.IsEmpty
                ? "The first-days list is prepared in the weeks before the expected release (or on release, if that comes first)."
                : $"The first-days list has no item '{c.ItemId}'.");
        }

        return (DomainError?)Text(c.Note, "note", MaxText)
            ?? (item.Done == c.Done && item.Note == c.Note ? Decision.Accept() : new FirstDaysItemUpdated(item.ItemId, c.Done, c.Note));
    }

    /// <summary>
    /// What follows a change of the key dates: a high-priority <see cref="ReleaseMovedEarlier"/> for each release date
    /// (expected, then earliest) that moved earlier, and a <see cref="CommitmentReopened"/> for each accepted or started
    /// conditional commitment whose date the expected release has moved away from.
    /// </summary>
    private static IEnumerable<CaseEvent> AfterDatesChanged(CaseState s, KeyDates before, KeyDates after)
    {
        if (before.ExpectedRelease is { } wasExpected && after.ExpectedRelease is { } nowExpected && nowExpected < wasExpected)
        {
            yield return new ReleaseMovedEarlier(wasExpected, nowExpected, ReleaseDateKind.Expected);
        }

        if (before.EarliestRelease is { } wasEarliest && after.EarliestRelease is { } nowEarliest && nowEarliest < wasEarliest)
        {
            yield return new ReleaseMovedEarlier(wasEarliest, nowEarliest, ReleaseDateKind.Earliest);
        }

        var (was, now) = (before.ExpectedRelease ?? before.EarliestRelease, after.ExpectedRelease ?? after.EarliestRelease);
        if (was == now)
        {
            yield break;
        }

        foreach (var m in s.Measures.Values
            .Where(m => m.ConditionalOnRelease is { } d && d != now && m.Status is Contracts.Plan.MeasureStatus.AcceptedByOwner or Contracts.Plan.MeasureStatus.Started)
            .OrderBy(m => m.MeasureId, StringComparer.Ordinal))
        {
            yield return new CommitmentReopened(m.MeasureId, m.ConditionalOnRelease!.Value, now);
        }
    }
}
