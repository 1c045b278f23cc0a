using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain;

// The ansvarsgruppe: who is in it, from when to when, and who stands in for whom.
public static partial class CaseDecider
{
    private static Decision Add(CaseState s, AddMember c, CommandContext ctx)
    {
        if (s.Members[ctx.Actor.UserId].Role == MemberRole.Person)
        {
            return Forbidden("member.person-cannot-add", "Members are added by the agencies in the group.");
        }

        var invalid = First(
            Id(c.UserId, "userId"),
            Text(c.DisplayName, "displayName", MaxName, required: true),
            c.UnitId is null ? null : Id(c.UnitId, "unitId"),
            Enum.IsDefined(c.Role) ? null : BadRequest("role.invalid", "Unknown role."),
            Enum.IsDefined(c.Agency) ? null : BadRequest("agency.invalid", "Unknown agency."));
        if (invalid is not null)
        {
            return invalid;
        }

        if ((c.Role == MemberRole.Person) != (c.Agency == Agency.Person))
        {
            return Unprocessable("member.role-agency", "The person, and only the person, has the role and agency 'Person'.");
        }

        if (c.Role == MemberRole.Person && s.Members.Values.Any(m => m.Role == MemberRole.Person && m.UserId != c.UserId))
        {
            return Conflict("member.person-exists", "The person is already a member of their group.");
        }

        if (c.UnitId is not null && ctx.Unit(c.UnitId) is null)
        {
            return Unprocessable("unit.unknown", $"Unit '{c.UnitId}' does not exist.");
        }

        if (s.Members.TryGetValue(c.UserId, out var existing) && existing.Until is null)
        {
            return Conflict("member.exists", $"'{c.UserId}' is already a member.");
        }

        var from = c.From ?? ctx.Today;
        return new MemberAdded(new GroupMember(c.UserId, c.DisplayName, c.Role, c.Agency, c.UnitId, from, null, null, 0));
    }

    private static Decision End(CaseState s, EndMembership c, CommandContext ctx)
    {
        if (!s.Members.TryGetValue(c.UserId ?? "", out var member) || member.Until is not null)
        {
            return NotFound("member.not-found", $"'{c.UserId}' is not a current member.");
        }

        if (c.UserId != ctx.Actor.UserId && !IsCoordinator(s, ctx.Actor.UserId))
        {
            return Forbidden("member.not-coordinator", "Only the coordinator ends another member's membership.");
        }

        var until = c.Until ?? ctx.Today;
        if (until < ctx.Today || until < member.From)
        {
            return Unprocessable("member.until-in-past", "A membership ends today or later, and not before it began.");
        }

        if (member.Role == MemberRole.Person)
        {
            return Conflict("member.is-person", "The person stays a member of their own group; close the case instead.");
        }

        var held = ResponsibilitiesHeldBy(s, c.UserId!).ToList();
        if (held.Count > 0)
        {
            return new DomainError(
                ErrorKind.Conflict,
                "member.holds-responsibility",
                $"'{c.UserId}' still holds {string.Join(", ", held)}. Hand each over (or have a leader override) before the membership ends.");
        }

        // Supporting roles and deputyships lapse with the membership; accountable ones never do (refused above).
        var events = new List<CaseEvent>();
        events.AddRange(s.NeedAreas.Values.Where(n => n.SupportingOwnerIds.Contains(c.UserId!)).Select(n => new SupportingOwnerRemoved(n.Code, c.UserId!)));
        events.AddRange(s.Members.Values.Where(m => m.DeputyUserId == c.UserId).Select(m => new DeputySet(m.UserId, null)));
        events.Add(new MembershipEnded(c.UserId!, until));
        return Decision.Accept(events);
    }

    /// <summary>What a member is accountable for, in words: the reasons they cannot simply leave.</summary>
    internal static IEnumerable<string> ResponsibilitiesHeldBy(CaseState s, string userId)
    {
        if (s.CoordinatorId == userId)
        {
            yield return "the coordinator role";
        }

        foreach (var n in s.NeedAreas.Values.Where(n => n.AccountableOwnerId == userId))
        {
            yield return $"need area '{n.Code}'";
        }

        foreach (var h in s.Handovers.Values.Where(h => h.IsOpen && (h.FromUserId == userId || h.AcceptedById == userId)))
        {
            yield return $"open handover '{h.HandoverId}'";
        }

        foreach (var m in s.Measures.Values.Where(m => m.IsOpen && m.OwnerId == userId))
        {
            yield return $"measure '{m.MeasureId}'";
        }
    }

    private static Decision Deputy(CaseState s, SetDeputy c, CommandContext ctx)
    {
        if (!s.Members.TryGetValue(c.UserId ?? "", out var member) || !member.IsActiveOn(ctx.Today))
        {
            return NotFound("member.not-found", $"'{c.UserId}' is not an active member.");
        }

        if (c.UserId != ctx.Actor.UserId && !IsCoordinator(s, ctx.Actor.UserId))
        {
            return Forbidden("member.not-coordinator", "A deputy is chosen by the member or the coordinator.");
        }

        if (c.DeputyUserId is not null)
        {
            var deputy = ActiveMember(s, c.DeputyUserId, ctx.Today);
            if (deputy is null || deputy.Until is not null || deputy.Role == MemberRole.Person)
            {
                return Unprocessable("deputy.not-eligible", "A deputy must be a current agency member of the group.");
            }

            if (c.DeputyUserId == c.UserId)
            {
                return Unprocessable("deputy.self", "A member cannot be their own deputy.");
            }
        }

        return member.DeputyUserId == c.DeputyUserId ? Decision.Accept() : new DeputySet(c.UserId!, c.DeputyUserId);
    }
}
