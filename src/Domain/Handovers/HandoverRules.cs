using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Plan;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain.Handovers;

/// <summary>
/// The handover protocol (domain §6), every rule in one place. A responsibility — a need area or the
/// coordinator role — moves only like this: offered by its owner → accepted by the receiver (from then on
/// both are responsible: the overlap) → completed once accepted, the receiver has met the group or the person
/// (<see cref="Record"/>), and the planned date has come. A decline keeps the sender as owner and escalates; a leader
/// may override with a reason. Nothing else changes an owner, so no identified need area and no case is ever left without one.
/// </summary>
public static class HandoverRules
{
    private const int MaxReason = 2000;

    /// <summary>The role a member who joins by accepting a handover gets, from the kind of their unit.</summary>
    public static MemberRole RoleFor(Agency agency) => agency switch
    {
        Agency.Prison => MemberRole.Kontaktbetjent,
        Agency.Friomsorg => MemberRole.FriomsorgOfficer,
        Agency.Municipality => MemberRole.MunicipalCaseworker,
        Agency.Nav => MemberRole.NavAdvisor,
        Agency.Health => MemberRole.HealthWorker,
        Agency.School => MemberRole.Teacher,
        Agency.Ngo => MemberRole.NgoWorker,
        _ => MemberRole.Other,
    };

    /// <summary>Offer: only the current owner, one open handover per responsibility, never into the past.</summary>
    public static Decision Offer(CaseState s, OfferHandover c, CommandContext ctx)
    {
        var subjectError = CheckSubject(s, c.Subject);
        if (subjectError is not null)
        {
            return subjectError;
        }

        if (s.OwnerOf(c.Subject) != ctx.Actor.UserId)
        {
            return Forbidden("handover.not-owner", $"Only the accountable owner of '{c.Subject}' may hand it over.");
        }

        var open = s.OpenHandoverOf(c.Subject);
        if (open is not null)
        {
            return Conflict("handover.already-open", $"Handover '{open.HandoverId}' of '{c.Subject}' is already open.");
        }

        var invalid = First(
            Id(c.ToUnitId, "toUnitId"),
            c.ToUserId is null ? null : Id(c.ToUserId, "toUserId"),
            Text(c.Note, "note", CaseDecider.MaxText));
        if (invalid is not null)
        {
            return invalid;
        }

        if (ctx.Unit(c.ToUnitId) is null)
        {
            return Unprocessable("unit.unknown", $"Unit '{c.ToUnitId}' does not exist.");
        }

        if (c.ToUserId == ctx.Actor.UserId)
        {
            return Unprocessable("handover.to-self", "A handover goes to someone else.");
        }

        if (c.PlannedDate < ctx.Today)
        {
            return Unprocessable("handover.planned-in-past", $"The planned date {c.PlannedDate:yyyy-MM-dd} has passed.");
        }

        var toAgency = ctx.Unit(c.ToUnitId)!.Agency;
        return (DomainError?)CoordinatorPlacement.RefuseReceiver(s, c.Subject, toAgency)
            ?? (Decision)new HandoverOffered(ctx.NewId("handover"), c.Subject, ctx.Actor.UserId, c.ToUnitId, c.ToUserId, c.PlannedDate, c.Note, toAgency);
    }

    /// <summary>Accept: the named receiver, or staff of the receiving unit, who joins the group if not a member yet.</summary>
    public static Decision Accept(CaseState s, AcceptHandover c, CommandContext ctx)
    {
        if (!s.Handovers.TryGetValue(c.HandoverId ?? "", out var h))
        {
            return NotFound("handover.not-found", $"No handover '{c.HandoverId}'.");
        }

        var authority = ReceiverAuthority(h, ctx);
        if (authority is not null)
        {
            return authority;
        }

        if (h.Status != HandoverStatus.Offered)
        {
            return Conflict("handover.not-offered", $"The handover is {h.Status}, not waiting for acceptance.");
        }

        var actor = ctx.Actor.UserId;
        if (actor == h.FromUserId)
        {
            return Unprocessable("handover.to-self", "The sender cannot accept their own handover.");
        }

        var member = s.Members.GetValueOrDefault(actor);
        if (member is not null && member.IsActiveOn(ctx.Today))
        {
            return (DomainError?)CaseDecider.EligibleOwner(s, actor, ctx.Today)
                ?? CoordinatorPlacement.RefuseReceiver(s, h.Subject, member.Agency)
                ?? (Decision)new HandoverAccepted(h.HandoverId, actor);
        }

        // Taking hold means joining the group: the receiver becomes a member as they accept, recorded at the
        // receiving unit, so only someone who works there may join this way (a named receiver from elsewhere is
        // added to the group first, or offered the handover at their own unit).
        if (!ctx.IsStaffOf(h.ToUnitId))
        {
            return Forbidden("handover.receiver-not-staff", $"'{actor}' does not work at '{h.ToUnitId}' and is not a member of the group; add them to the group first, or offer the handover to their own unit.");
        }

        var unit = ctx.Unit(h.ToUnitId)!;
        var refused = CoordinatorPlacement.RefuseReceiver(s, h.Subject, unit.Agency);
        if (refused is not null)
        {
            return refused;
        }

        var joined = new GroupMember(actor, ctx.Actor.DisplayName, RoleFor(unit.Agency), unit.Agency, unit.UnitId, ctx.Today, null, null, 0);
        return Decision.Accept(new MemberAdded(joined), new HandoverAccepted(h.HandoverId, actor));
    }

    /// <summary>Decline: the receiver says no with a reason; the sender stays owner and the case is escalated.</summary>
    public static Decision Decline(CaseState s, DeclineHandover c, CommandContext ctx)
    {
        if (!s.Handovers.TryGetValue(c.HandoverId ?? "", out var h))
        {
            return NotFound("handover.not-found", $"No handover '{c.HandoverId}'.");
        }

        var authority = ReceiverAuthority(h, ctx);
        if (authority is not null)
        {
            return authority;
        }

        if (h.Status != HandoverStatus.Offered)
        {
            return Conflict("handover.not-offered", $"The handover is {h.Status}; only an offer waiting for an answer can be declined.");
        }

        var reason = Text(c.Reason, "reason", MaxReason, required: true);
        return reason is not null
            ? reason with { Kind = ErrorKind.Unprocessable, Code = "handover.reason-required" }
            : Decision.Accept(
                new HandoverDeclined(h.HandoverId, c.Reason),
                new EscalationRaised(ctx.NewId("esc"), h.Subject, $"Handover of '{h.Subject}' to {h.ToUnitId} declined: {c.Reason}", h.HandoverId));
    }

    /// <summary>Complete: accepted, overlap established, planned date come; done by the sender or the receiver.</summary>
    public static Decision Complete(CaseState s, CompleteHandover c, CommandContext ctx)
    {
        if (!s.Handovers.TryGetValue(c.HandoverId ?? "", out var h))
        {
            return NotFound("handover.not-found", $"No handover '{c.HandoverId}'.");
        }

        if (ctx.Actor.UserId != h.FromUserId && ctx.Actor.UserId != h.AcceptedById)
        {
            return Forbidden("handover.not-party", "Only the sender or the receiver completes a handover.");
        }

        if (!h.IsOpen)
        {
            return Conflict("handover.closed", $"The handover is already {h.Status}.");
        }

        if (h.Status != HandoverStatus.Accepted)
        {
            return Conflict("handover.not-accepted", "The receiver has not accepted the handover; the sender stays responsible until they do.");
        }

        if (!h.OverlapMet)
        {
            return Conflict("handover.no-overlap", "The receiver has not yet taken part in a group meeting or recorded a contact with the person since accepting.");
        }

        return ctx.Today < h.PlannedDate
            ? Conflict("handover.before-planned-date", $"The handover is planned for {h.PlannedDate:yyyy-MM-dd}; both stay responsible until then.")
            : (DomainError?)CoordinatorPlacement.RefuseReceiver(s, h.Subject, s.Members.GetValueOrDefault(h.AcceptedById!)?.Agency)
                ?? (Decision)new HandoverCompleted(h.HandoverId, h.AcceptedById!);
    }

    /// <summary>
    /// Record an encounter — a meeting recorded afterwards, a live meeting closing, or a contact with the person —
    /// and the overlap it establishes: the overlap of a handover is real once the receiver, having accepted, has met
    /// the group or the person.
    /// </summary>
    public static IEnumerable<CaseEvent> Record(CaseState s, Encounter encounter)
    {
        var present = encounter.Attendees.Select(a => a.UserId).ToHashSet();
        var overlaps = s.Handovers.Values
            .Where(h => h.Status == HandoverStatus.Accepted && !h.OverlapMet && present.Contains(h.AcceptedById!)
                && encounter.Date >= CommandContext.NorwegianDate(h.AcceptedAt!.Value))
            .OrderBy(h => h.HandoverId, StringComparer.Ordinal)
            .Select(h => new OverlapEstablished(h.HandoverId, encounter.EncounterId));
        return [new EncounterRecorded(encounter), .. overlaps];
    }

    /// <summary>Withdraw: the sender takes an open offer back, with a reason.</summary>
    public static Decision Withdraw(CaseState s, WithdrawHandover c, CommandContext ctx)
    {
        if (!s.Handovers.TryGetValue(c.HandoverId ?? "", out var h))
        {
            return NotFound("handover.not-found", $"No handover '{c.HandoverId}'.");
        }

        if (h.FromUserId != ctx.Actor.UserId)
        {
            return Forbidden("handover.not-sender", "Only the sender withdraws a handover.");
        }

        if (!h.IsOpen)
        {
            return Conflict("handover.closed", $"The handover is already {h.Status}.");
        }

        var reason = Text(c.Reason, "reason", MaxReason, required: true);
        return reason is not null
            ? reason with { Kind = ErrorKind.Unprocessable, Code = "handover.reason-required" }
            : new HandoverWithdrawn(h.HandoverId, c.Reason);
    }

    /// <summary>Override: a leader of the current or the new owner's unit moves a responsibility, with a reason.</summary>
    public static Decision Override(CaseState s, OverrideResponsibility c, CommandContext ctx)
    {
        var subjectError = CheckSubject(s, c.Subject);
        if (subjectError is not null)
        {
            return subjectError;
        }

        var from = s.OwnerOf(c.Subject)!;
        var fromUnit = s.Members.GetValueOrDefault(from)?.UnitId;
        var toUnit = s.Members.GetValueOrDefault(c.ToUserId ?? "")?.UnitId;
        if (!ctx.IsLeaderOf(fromUnit) && !ctx.IsLeaderOf(toUnit))
        {
            return Forbidden("override.not-leader", "Only a leader of the current or the new owner's unit may override responsibility.");
        }

        var reason = Text(c.Reason, "reason", MaxReason, required: true);
        if (reason is not null)
        {
            return reason with { Kind = ErrorKind.Unprocessable, Code = "override.reason-required" };
        }

        if (c.ToUserId == from)
        {
            return Conflict("override.same-owner", $"'{from}' already owns '{c.Subject}'.");
        }

        var eligible = CaseDecider.EligibleOwner(s, c.ToUserId, ctx.Today)
            ?? CoordinatorPlacement.RefuseReceiver(s, c.Subject, s.Members.GetValueOrDefault(c.ToUserId!)?.Agency);
        if (eligible is not null)
        {
            return eligible;
        }

        var open = s.OpenHandoverOf(c.Subject);
        CaseEvent[] events = open is null
            ? [new ResponsibilityOverridden(c.Subject, from, c.ToUserId!, c.Reason)]
            : [new HandoverWithdrawn(open.HandoverId, $"Cancelled by a leader's override: {c.Reason}"), new ResponsibilityOverridden(c.Subject, from, c.ToUserId!, c.Reason)];
        return Decision.Accept(events);
    }

    private static DomainError? CheckSubject(CaseState s, string? subject)
    {
        if (subject == Responsibility.Coordinator)
        {
            return null;
        }

        if (!s.NeedAreas.TryGetValue(subject ?? "", out var need))
        {
            return NotFound("handover.subject-unknown", $"'{subject}' is neither a need area of the plan nor the coordinator role.");
        }

        return need.Status == NeedStatus.NotAssessed
            ? Conflict("need.not-identified", $"Need area '{subject}' has no owner yet; identify it instead of handing it over.")
            : null;
    }

    private static DomainError? ReceiverAuthority(Handover h, CommandContext ctx) =>
        h.ToUserId is not null
            ? (h.ToUserId == ctx.Actor.UserId ? null : Forbidden("handover.not-receiver", $"The handover is offered to '{h.ToUserId}' by name."))
            : (ctx.IsStaffOf(h.ToUnitId) ? null : Forbidden("handover.not-receiving-unit", $"Only staff of '{h.ToUnitId}' may answer a handover to that unit."));
}
