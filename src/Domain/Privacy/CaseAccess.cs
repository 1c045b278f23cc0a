using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Privacy;
using static CaseGrid.Domain.Refusals;

namespace CaseGrid.Domain.Privacy;

/// <summary>
/// Who may read a case, and how much of it (domain §9). Pure. Members read their case; the person sees all of their own
/// plan; health, mental-health and rus details reach health members and the members the person approved, never a
/// security function; members outside the correctional service see need-area details only under the person's
/// plan-sharing consent, in force on the day and not limited away from their agency; a partner system reads only under
/// the partner-systems consent, for a case its unit is part of, and not for an agency the person does not share with.
/// Everything is decided on the case as it stands now, so a withdrawal takes effect on the next read and the next push.
/// </summary>
public static class CaseAccess
{
    /// <summary>Null when <paramref name="actor"/> may read the case; otherwise why not.</summary>
    public static DomainError? Refusal(CaseState state, ActorRef actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsSystem)
        {
            return !Involves(state, actor.SystemUnitId)
                ? Forbidden("case.not-involved", "The case does not concern the unit this system acts for.")
                : !state.Consent.Covers(ConsentScope.PartnerSystems, today)
                    ? Forbidden("consent.partner-systems", "The person has not consented to sharing the plan with the agencies' own systems.")
                    : NotSharedWith(state, actor.SystemAgency)
                        ? Forbidden("consent.not-shared", "The person does not share their plan with this agency.")
                        : null;
        }

        return !state.IsActiveMember(actor.UserId, today)
            ? Forbidden("case.not-member", "Only active members of the case's ansvarsgruppe may read it.")
            : ThroughSystem(state, actor);
    }

    /// <summary>
    /// Null unless a partner system acts for <paramref name="actor"/>; then what the system on its own would be refused:
    /// the case must concern its unit, and the person must have consented to sharing with partner systems.
    /// </summary>
    public static DomainError? ThroughSystem(CaseState state, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actor);
        return !actor.IsActingFor ? null
            : !Involves(state, actor.ActingSystemUnitId) ? Forbidden("case.not-involved", "The case does not concern the unit the partner system acts for.")
            : !state.Consent.Covers(ConsentScope.PartnerSystems) ? Forbidden("consent.partner-systems", "The person has not consented to sharing the plan with the agencies' own systems.")
            : null;
    }

    /// <summary>How much of the details <paramref name="actor"/> gets; call after <see cref="Refusal"/> said yes.</summary>
    public static DetailAccess DetailsFor(CaseState state, ActorRef actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsSystem)
        {
            var level = Level(state, actor.SystemAgency!.Value, health: actor.SystemAgency == Agency.Health, today);
            return actor.SecurityFunction ? Least(level, DetailAccess.HealthWithheld) : level;
        }

        var member = state.Members.GetValueOrDefault(actor.UserId);
        if (member is null || !member.IsActiveOn(today))
        {
            return DetailAccess.DetailsWithheld;
        }

        var access = MemberAccess(state, member, today);
        return actor.SecurityFunction ? Least(access, DetailAccess.HealthWithheld) : access;
    }

    /// <summary>Every active member and the access they have, for the live fan-out.</summary>
    public static ImmutableDictionary<string, DetailAccess> Readers(CaseState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Members.Values.Where(m => m.IsActiveOn(today)).ToImmutableDictionary(m => m.UserId, m => MemberAccess(state, m, today), StringComparer.Ordinal);
    }

    /// <summary>
    /// Presentation mode, for a screen shared in a meeting: only what every active member may see, so nobody in the room
    /// is shown what is not theirs to see.
    /// </summary>
    public static DetailAccess Presentation(CaseState state, DateOnly today) =>
        Readers(state, today).Values.Aggregate(DetailAccess.Full, Least);

    /// <summary>True when <paramref name="unitId"/> is part of the case: it holds it, receives a handover, is the home municipality, or has a member in the group.</summary>
    public static bool Involves(CaseState state, string? unitId)
    {
        ArgumentNullException.ThrowIfNull(state);
        return unitId is not null && (
            state.CurrentUnitId == unitId
            || state.IncomingUnitIds.Contains(unitId)
            || state.Home.RegisteredUnitId == unitId
            || state.Home.IntendedUnitId == unitId
            || state.Members.Values.Any(m => m.Until is null && m.UnitId == unitId));
    }

    /// <summary>True when the person has limited sharing away from <paramref name="agency"/>.</summary>
    private static bool NotSharedWith(CaseState state, Agency? agency) =>
        agency is { } a && !state.Consent.NotSharedWith.IsDefault && state.Consent.NotSharedWith.Contains(a);

    /// <summary>The lesser of two accesses.</summary>
    public static DetailAccess Least(DetailAccess a, DetailAccess b) => (DetailAccess)Math.Max((int)a, (int)b);

    private static DetailAccess MemberAccess(CaseState state, GroupMember member, DateOnly today) =>
        member.Role == MemberRole.Person
            ? DetailAccess.Full
            : Level(state, member.Agency, health: member.Agency == Agency.Health || state.HealthApprovals.ContainsKey(member.UserId), today);

    /// <summary>
    /// Outside the correctional service, details reach an agency only under the plan-sharing consent in force today
    /// (not ended) and not limited away from that agency; a health approval does not reach past a sharing limit.
    /// </summary>
    private static DetailAccess Level(CaseState state, Agency agency, bool health, DateOnly today) =>
        agency is not (Agency.Prison or Agency.Friomsorg) && !state.Consent.SharesWith(agency, today) ? DetailAccess.DetailsWithheld
        : health ? DetailAccess.Full
        : DetailAccess.HealthWithheld;
}
