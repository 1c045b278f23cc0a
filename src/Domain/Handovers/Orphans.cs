using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;

namespace CaseGrid.Domain.Handovers;

/// <summary>
/// Orphan detection (domain §6): a responsibility whose accountable owner can no longer act is flagged at once, with an
/// escalation to the leaders of the owner's unit, until a handover or an override gives it to someone who can — or the
/// cause goes away. An owner can no longer act when
/// <list type="bullet">
/// <item>their unit has told the case they no longer work there (<see cref="OrphanCause.StaffRemoved"/>; the case learns it
/// from the unit's notice, and asks the units again on every evaluation of time, so a lost notice heals);</item>
/// <item>the case has moved away from their unit (<see cref="OrphanCause.CaseMovedAway"/>); or</item>
/// <item>they are prison staff and the person has left prison (<see cref="OrphanCause.PersonLeftPrison"/>).</item>
/// </list>
/// Owners who belong to no unit answer for themselves and are never flagged. The flags are kept by events
/// (<see cref="ResponsibilityOrphaned"/>, <see cref="OrphanResolved"/>) that follow whatever changed owners or units, so the
/// case state always says which responsibilities are orphaned: <see cref="CaseInvariants"/> checks it.
/// </summary>
public static class Orphans
{
    /// <summary>The responsibilities that should be flagged now, by subject, with the owner, their unit and the cause.</summary>
    public static IEnumerable<(string Subject, string OwnerId, string UnitId, OrphanCause Cause)> Expected(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var (ownerId, subjects) in Time.TimeRules.AccountableOwners(state))
        {
            if (state.Members.GetValueOrDefault(ownerId) is not { UnitId: { } unitId } member || Cause(state, member, unitId) is not { } cause)
            {
                continue;
            }

            foreach (var subject in subjects)
            {
                yield return (subject, ownerId, unitId, cause);
            }
        }
    }

    /// <summary>Why <paramref name="member"/>, a member for <paramref name="unitId"/>, can no longer act on the case; null when they can.</summary>
    public static OrphanCause? Cause(CaseState state, GroupMember member, string unitId)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(member);
        return state.StaffDepartures.GetValueOrDefault(member.UserId) == unitId ? OrphanCause.StaffRemoved
            : state.FormerUnitIds.Contains(unitId) ? OrphanCause.CaseMovedAway
            : member.Agency == Agency.Prison && state.IsOutOfPrison ? OrphanCause.PersonLeftPrison
            : null;
    }

    /// <summary>
    /// The events that bring the flags in line with <see cref="Expected"/>: a <see cref="OrphanResolved"/> for each flag
    /// whose owner can act again or no longer owns the subject, and a <see cref="ResponsibilityOrphaned"/> with its
    /// <see cref="EscalationRaised"/> for each new orphan. Empty when the flags are right.
    /// </summary>
    public static IEnumerable<CaseEvent> Changes(CaseState state, Func<string, string> newId)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(newId);
        // Checked after every command: with no flag, no departure, no move and the person inside, nobody can be an
        // orphan owner (see Cause), so there is nothing to work out.
        if (state.Orphans.IsEmpty && state.StaffDepartures.IsEmpty && state.FormerUnitIds.IsDefaultOrEmpty && !state.IsOutOfPrison)
        {
            yield break;
        }

        var expected = Expected(state).ToDictionary(o => o.Subject, StringComparer.Ordinal);
        foreach (var flag in state.Orphans.Values.OrderBy(f => f.Subject, StringComparer.Ordinal))
        {
            if (!expected.TryGetValue(flag.Subject, out var now) || now.OwnerId != flag.OwnerId)
            {
                yield return new OrphanResolved(flag.Subject, flag.OwnerId);
            }
        }

        foreach (var o in expected.Values.OrderBy(o => o.Subject, StringComparer.Ordinal))
        {
            if (state.Orphans.GetValueOrDefault(o.Subject)?.OwnerId == o.OwnerId)
            {
                continue;
            }

            var escalationId = newId("esc");
            yield return new ResponsibilityOrphaned(o.Subject, o.OwnerId, o.UnitId, o.Cause, escalationId);
            yield return new EscalationRaised(escalationId, o.Subject, Reason(state, o.OwnerId, o.UnitId, o.Cause), null, o.UnitId);
        }
    }

    /// <summary>What the flag says, in plain Norwegian: who can no longer act, why, and what to do.</summary>
    public static string Reason(CaseState state, string ownerId, string unitId, OrphanCause cause)
    {
        ArgumentNullException.ThrowIfNull(state);
        var name = state.Members.GetValueOrDefault(ownerId)?.DisplayName ?? ownerId;
        var why = cause switch
        {
            OrphanCause.StaffRemoved => $"{name} jobber ikke lenger ved {unitId}",
            OrphanCause.CaseMovedAway => $"saken er flyttet fra {unitId}, der {name} jobber",
            _ => $"personen har forlatt fengselet, og {name} er ansatt ved {unitId}",
        };
        return $"Ansvarlig kan ikke lenger følge opp: {why}. Gi ansvaret videre ved overlevering, eller la en leder overstyre.";
    }
}
