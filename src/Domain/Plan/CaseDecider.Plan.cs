using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Plan;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain;

// The plan (POP): need areas, goals, measures, proposals, the person's agreement, and the encounters
// (meetings, contacts) that make the overlap of a handover real.
public static partial class CaseDecider
{
    /// <summary>The need area of acute needs (rus, suicide risk): its measures may start before the needs conversation.</summary>
    private const string AcuteNeed = "acute";

    private static bool IsPerson(CaseState s, string userId) => s.Members.GetValueOrDefault(userId)?.Role == MemberRole.Person;

    private static Decision Identify(CaseState s, IdentifyNeed c, CommandContext ctx)
    {
        if (!s.NeedAreas.TryGetValue(c.Code ?? "", out var need))
        {
            return NotFound("need.not-found", $"The plan has no need area '{c.Code}'.");
        }

        if (IsPerson(s, ctx.Actor.UserId))
        {
            return Forbidden("need.person-cannot-assign", "The agencies name the owner of a need area; the person can propose.");
        }

        if (need.Status != NeedStatus.NotAssessed)
        {
            return Conflict("need.already-identified", $"Need area '{c.Code}' is already identified and owned by '{need.AccountableOwnerId}'; ownership moves only by handover.");
        }

        return (DomainError?)Text(c.OwnWords, "ownWords", MaxText)
            ?? Text(c.Assessment, "assessment", MaxText)
            ?? EligibleOwner(s, c.OwnerId, ctx.Today)
            ?? (Decision)new NeedIdentified(c.Code!, c.OwnerId, c.OwnWords, c.Assessment);
    }

    private static Decision UpdateNeed(CaseState s, UpdateNeedArea c, CommandContext ctx)
    {
        if (!s.NeedAreas.TryGetValue(c.Code ?? "", out var need))
        {
            return NotFound("need.not-found", $"The plan has no need area '{c.Code}'.");
        }

        var invalid = First(
            Text(c.OwnWords, "ownWords", MaxText),
            Text(c.Assessment, "assessment", MaxText),
            Enum.IsDefined(c.Status) ? null : BadRequest("status.invalid", "Unknown need status."));
        if (invalid is not null)
        {
            return invalid;
        }

        var actor = ctx.Actor.UserId;
        if (IsPerson(s, actor))
        {
            if (c.Assessment != need.Assessment || c.Status != need.Status)
            {
                return Forbidden("need.person-own-words-only", "The person writes their own words; the assessment and status are the agencies'.");
            }
        }
        else if (need.AccountableOwnerId is not null && need.AccountableOwnerId != actor && !need.SupportingOwnerIds.Contains(actor) && !IsCoordinator(s, actor))
        {
            return Forbidden("need.not-owner", "The need area is edited by its owners and the coordinator.");
        }

        if (c.ExpectedVersion != need.Version)
        {
            return Stale("need area", c.ExpectedVersion, need.Version, need);
        }

        if (need.Status == NeedStatus.NotAssessed && c.Status != NeedStatus.NotAssessed)
        {
            return Conflict("need.identify-first", "Identify the need with its accountable owner first.");
        }

        if (need.Status != NeedStatus.NotAssessed && c.Status == NeedStatus.NotAssessed)
        {
            return Conflict("need.cannot-unassess", "An identified need area stays identified; mark it met or declined instead.");
        }

        return need with { OwnWords = c.OwnWords, Assessment = c.Assessment, Status = c.Status } == need
            ? Decision.Accept()
            : new NeedAreaUpdated(c.Code!, c.OwnWords, c.Assessment, c.Status);
    }

    private static Decision AddSupporter(CaseState s, AddSupportingOwner c, CommandContext ctx)
    {
        if (!s.NeedAreas.TryGetValue(c.Code ?? "", out var need))
        {
            return NotFound("need.not-found", $"The plan has no need area '{c.Code}'.");
        }

        if (need.AccountableOwnerId is null)
        {
            return Conflict("need.identify-first", "Identify the need with its accountable owner first.");
        }

        if (need.AccountableOwnerId != ctx.Actor.UserId && !IsCoordinator(s, ctx.Actor.UserId) && c.UserId != ctx.Actor.UserId)
        {
            return Forbidden("need.not-owner", "Supporting owners are added by the owner, the coordinator, or themselves.");
        }

        if (c.UserId == need.AccountableOwnerId || need.SupportingOwnerIds.Contains(c.UserId))
        {
            return Conflict("need.already-owner", $"'{c.UserId}' already owns or supports '{c.Code}'.");
        }

        return (DomainError?)EligibleOwner(s, c.UserId, ctx.Today) ?? (Decision)new SupportingOwnerAdded(c.Code!, c.UserId);
    }

    private static Decision RemoveSupporter(CaseState s, RemoveSupportingOwner c, CommandContext ctx)
    {
        if (!s.NeedAreas.TryGetValue(c.Code ?? "", out var need) || !need.SupportingOwnerIds.Contains(c.UserId))
        {
            return NotFound("need.supporter-not-found", $"'{c.UserId}' does not support '{c.Code}'.");
        }

        return need.AccountableOwnerId != ctx.Actor.UserId && !IsCoordinator(s, ctx.Actor.UserId) && c.UserId != ctx.Actor.UserId
            ? Forbidden("need.not-owner", "Supporting owners are removed by the owner, the coordinator, or themselves.")
            : new SupportingOwnerRemoved(c.Code!, c.UserId);
    }

    private static Decision NewGoal(CaseState s, AddGoal c, CommandContext ctx) =>
        !s.NeedAreas.ContainsKey(c.Code ?? "")
            ? NotFound("need.not-found", $"The plan has no need area '{c.Code}'.")
            : (DomainError?)Text(c.Text, "text", MaxText, required: true) ?? (Decision)new GoalAdded(ctx.NewId("goal"), c.Code!, c.Text);

    private static Decision EditGoal(CaseState s, UpdateGoal c, CommandContext ctx)
    {
        if (!s.Goals.TryGetValue(c.GoalId ?? "", out var goal))
        {
            return NotFound("goal.not-found", $"No goal '{c.GoalId}'.");
        }

        return (DomainError?)Text(c.Text, "text", MaxText, required: true)
            ?? (c.ExpectedVersion != goal.Version ? Stale("goal", c.ExpectedVersion, goal.Version, goal) : null)
            ?? (goal.Text == c.Text && goal.Achieved == c.Achieved ? Decision.Accept() : new GoalUpdated(goal.GoalId, c.Text, c.Achieved));
    }

    private static DomainError? CheckMeasure(CaseState s, ImmutableArray<string> needCodes, string what, string? why, string? requirements, string ownerId, CommandContext ctx)
    {
        if (needCodes.IsDefaultOrEmpty)
        {
            return Unprocessable("measure.needs-required", "A measure names the need(s) it answers.");
        }

        var unknown = needCodes.FirstOrDefault(code => !s.NeedAreas.ContainsKey(code ?? ""));
        if (unknown is not null || needCodes.Any(code => code is null))
        {
            return Unprocessable("measure.need-unknown", $"The plan has no need area '{unknown}'.");
        }

        if (needCodes.Distinct().Count() != needCodes.Length)
        {
            return BadRequest("measure.needs-duplicate", "A need is named twice.");
        }

        var owner = ActiveMember(s, ownerId, ctx.Today);
        return First(
            Text(what, "what", MaxText, required: true),
            Text(why, "why", MaxText),
            Text(requirements, "requirements", MaxText),
            owner is null || owner.Until is not null ? Unprocessable("measure.owner-not-member", $"'{ownerId}' is not a current member of the group.") : null);
    }

    private static Decision NewMeasure(CaseState s, AddMeasure c, CommandContext ctx) =>
        (DomainError?)CheckMeasure(s, c.NeedCodes, c.What, c.Why, c.Requirements, c.OwnerId, ctx)
            ?? (Decision)new MeasureAdded(ctx.NewId("measure"), c.NeedCodes, c.What, c.Why, c.OwnerId, c.Due, c.Requirements, c.ConditionalOnRelease);

    private static Decision EditMeasure(CaseState s, UpdateMeasure c, CommandContext ctx)
    {
        if (!s.Measures.TryGetValue(c.MeasureId ?? "", out var m))
        {
            return NotFound("measure.not-found", $"No measure '{c.MeasureId}'.");
        }

        if (m.OwnerId != ctx.Actor.UserId && !IsCoordinator(s, ctx.Actor.UserId))
        {
            return Forbidden("measure.not-owner", "A measure is changed by its owner or the coordinator.");
        }

        if (!m.IsOpen)
        {
            return Conflict("measure.closed", $"The measure is {m.Status} and can no longer change.");
        }

        return (DomainError?)(c.ExpectedVersion != m.Version ? Stale("measure", c.ExpectedVersion, m.Version, m) : null)
            ?? CheckMeasure(s, c.NeedCodes, c.What, c.Why, c.Requirements, c.OwnerId, ctx)
            ?? (Decision)new MeasureUpdated(m.MeasureId, c.NeedCodes, c.What, c.Why, c.OwnerId, c.Due, c.Requirements);
    }

    private static Decision MeasureStatus(CaseState s, ChangeMeasureStatus c, CommandContext ctx)
    {
        if (!s.Measures.TryGetValue(c.MeasureId ?? "", out var m))
        {
            return NotFound("measure.not-found", $"No measure '{c.MeasureId}'.");
        }

        if (c.ExpectedVersion != m.Version)
        {
            return Stale("measure", c.ExpectedVersion, m.Version, m);
        }

        var actor = ctx.Actor.UserId;
        var isOwner = m.OwnerId == actor || s.Members.GetValueOrDefault(m.OwnerId)?.DeputyUserId == actor;
        var (from, mayAct, who) = c.Status switch
        {
            Contracts.Plan.MeasureStatus.ChosenByPerson => (Contracts.Plan.MeasureStatus.Proposed, IsPerson(s, actor) || IsCoordinator(s, actor), "the person (or the coordinator with them)"),
            Contracts.Plan.MeasureStatus.AcceptedByOwner => (Contracts.Plan.MeasureStatus.ChosenByPerson, isOwner, "the measure's owner"),
            Contracts.Plan.MeasureStatus.Started => (Contracts.Plan.MeasureStatus.AcceptedByOwner, isOwner, "the measure's owner"),
            Contracts.Plan.MeasureStatus.Delivered => (Contracts.Plan.MeasureStatus.Started, isOwner, "the measure's owner"),
            Contracts.Plan.MeasureStatus.Cancelled => (m.Status, isOwner || IsCoordinator(s, actor), "the owner or the coordinator"),
            _ => (m.Status, false, "nobody"),
        };

        if (!Enum.IsDefined(c.Status) || c.Status == Contracts.Plan.MeasureStatus.Proposed)
        {
            return Unprocessable("measure.status-invalid", $"A measure cannot be moved to {c.Status}.");
        }

        if (!mayAct)
        {
            return Forbidden("measure.not-allowed", $"Only {who} may mark the measure {c.Status}.");
        }

        if (!m.IsOpen || m.Status != from)
        {
            return Conflict("measure.invalid-transition", $"The measure is {m.Status}; it cannot become {c.Status}.");
        }

        // 002:970-971: no measure beyond the acute needs is started before needs conversation part 1.
        if (c.Status == Contracts.Plan.MeasureStatus.Started && m.NeedCodes.Any(code => code != AcuteNeed)
            && !s.Milestones.Any(x => x.Kind == Contracts.Time.MilestoneKind.NeedsConversation1))
        {
            return Conflict("measure.before-needs-conversation", "No measure beyond the acute needs is started before needs conversation part 1 is recorded.");
        }

        var needsNote = c.Status is Contracts.Plan.MeasureStatus.Delivered or Contracts.Plan.MeasureStatus.Cancelled;
        return (DomainError?)Text(c.Note, "note", MaxText, required: needsNote) ?? (Decision)new MeasureStatusChanged(m.MeasureId, c.Status, c.Note);
    }

    /// <summary>A proposal gets its answer date at once, from the rule set in force (domain §9): the person sees when to expect an answer.</summary>
    private static Decision Propose(CaseState s, SubmitProposal c, CommandContext ctx, DeadlineRuleSet rules) =>
        c.NeedCode is not null && !s.NeedAreas.ContainsKey(c.NeedCode)
            ? NotFound("need.not-found", $"The plan has no need area '{c.NeedCode}'.")
            : (DomainError?)Text(c.Text, "text", MaxText, required: true)
                ?? (Decision)new ProposalSubmitted(ctx.NewId("proposal"), ctx.Actor.UserId, c.NeedCode, c.Text, rules.Proposals.AnswerWithin.AddTo(ctx.Today), rules.Version);

    private static Decision Answer(CaseState s, AnswerProposal c, CommandContext ctx)
    {
        if (!s.Proposals.TryGetValue(c.ProposalId ?? "", out var p))
        {
            return NotFound("proposal.not-found", $"No proposal '{c.ProposalId}'.");
        }

        var needOwner = p.NeedCode is null ? null : s.NeedAreas[p.NeedCode].AccountableOwnerId;
        if (!IsCoordinator(s, ctx.Actor.UserId) && needOwner != ctx.Actor.UserId)
        {
            return Forbidden("proposal.not-answerer", "Proposals are answered by the coordinator or the need area's owner.");
        }

        if (p.Status != ProposalStatus.Open)
        {
            return Conflict("proposal.answered", "The proposal has already been answered.");
        }

        var invalid = Text(c.Answer, "answer", MaxText, required: true);
        if (invalid is not null)
        {
            return invalid;
        }

        if (!c.Adopt)
        {
            return new ProposalAnswered(p.ProposalId, false, c.Answer, null);
        }

        if (p.NeedCode is null)
        {
            return Unprocessable("proposal.needs-need", "A proposal without a need area cannot become a measure; every measure answers a need.");
        }

        var owner = c.MeasureOwnerId ?? needOwner ?? ctx.Actor.UserId;
        var measureCheck = CheckMeasure(s, [p.NeedCode], p.Text, null, null, owner, ctx);
        if (measureCheck is not null)
        {
            return measureCheck;
        }

        var measureId = ctx.NewId("measure");
        return Decision.Accept(
            new ProposalAnswered(p.ProposalId, true, c.Answer, measureId),
            new MeasureAdded(measureId, [p.NeedCode], p.Text, $"Proposal {p.ProposalId}", owner, c.Due, null));
    }

    private static Decision Agree(CaseState s, RecordAgreement c, CommandContext ctx)
    {
        if (!IsPerson(s, ctx.Actor.UserId) && !IsCoordinator(s, ctx.Actor.UserId))
        {
            return Forbidden("agreement.not-person", "The person's answer is recorded by the person, or by the coordinator with them.");
        }

        if (c.PlanVersion < 1 || c.PlanVersion > s.Version)
        {
            return Unprocessable("agreement.version-unknown", $"The plan has versions 1 to {s.Version}.");
        }

        return (DomainError?)(Enum.IsDefined(c.Answer) ? null : BadRequest("answer.invalid", "Unknown answer."))
            ?? Text(c.Comment, "comment", MaxText)
            ?? (Decision)new AgreementRecorded(c.PlanVersion, c.Answer, c.Comment);
    }

    private static Decision Encounter(CaseState s, RecordEncounter c, CommandContext ctx)
    {
        if (IsPerson(s, ctx.Actor.UserId))
        {
            return Forbidden("encounter.person", "Meetings and contacts are recorded by the agencies.");
        }

        if (c.Attendees.IsDefaultOrEmpty || c.Attendees.Any(a => a is null))
        {
            return Unprocessable("encounter.attendees-required", "Name who took part.");
        }

        if (c.Attendees.Select(a => a.UserId).Distinct().Count() != c.Attendees.Length)
        {
            return BadRequest("encounter.attendee-duplicate", "An attendee is named twice.");
        }

        var stranger = c.Attendees.FirstOrDefault(a => ActiveMember(s, a.UserId, c.Date) is null);
        if (stranger is not null)
        {
            return Unprocessable("encounter.attendee-not-member", $"'{stranger.UserId}' was not a member of the group on {c.Date:yyyy-MM-dd}.");
        }

        if (c.Date > ctx.Today || c.Date < CommandContext.NorwegianDate(s.OpenedAt))
        {
            return Unprocessable("encounter.date", "An encounter is recorded after it happened, and while the case is open.");
        }

        var invalid = First(
            Enum.IsDefined(c.Kind) ? null : BadRequest("kind.invalid", "Unknown encounter kind."),
            Text(c.Summary, "summary", MaxText),
            c.Attendees.Select(a => Enum.IsDefined(a.Attendance) ? null : BadRequest("attendance.invalid", "Unknown attendance.")).FirstOrDefault(e => e is not null));
        if (invalid is not null)
        {
            return invalid;
        }

        return Decision.Accept(HandoverRules.Record(s, new Encounter(ctx.NewId("enc"), c.Kind, c.Date, c.Attendees, c.Summary)));
    }
}
