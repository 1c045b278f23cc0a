using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Meetings;
using CaseGrid.Contracts.Plan;

namespace CaseGrid.Domain;

/// <summary>
/// What must hold of every case after every event: the responsibility invariant — every responsibility has an
/// accountable owner who is a current agency member, the coordinator sits outside the prison once the person is out, and
/// every owner who can no longer act is flagged. The property tests check it
/// after every step of random command sequences; the case grain checks it again before appending, as a guard.
/// </summary>
public static class CaseInvariants
{
    /// <summary>Every way <paramref name="s"/> breaks the invariant on <paramref name="today"/>; empty when it holds.</summary>
    public static IEnumerable<string> Violations(CaseState s, DateOnly today)
    {
        if (!IsAccountable(s, s.CoordinatorId, today))
        {
            yield return $"The coordinator '{s.CoordinatorId}' is not a current agency member.";
        }

        // Checked before every append: the scans below enumerate the case's collections without LINQ's allocations.
        foreach (var (_, n) in s.NeedAreas)
        {
            if (n.Status == NeedStatus.NotAssessed)
            {
                continue;
            }

            if (n.AccountableOwnerId is null)
            {
                yield return $"Need area '{n.Code}' is {n.Status} without an accountable owner.";
            }
            else if (!IsAccountable(s, n.AccountableOwnerId, today))
            {
                yield return $"Need area '{n.Code}' is owned by '{n.AccountableOwnerId}', who is not a current agency member.";
            }

            foreach (var supporter in n.SupportingOwnerIds)
            {
                if (!s.IsActiveMember(supporter, today))
                {
                    yield return $"Need area '{n.Code}' is supported by '{supporter}', who is not a member.";
                }
            }
        }

        foreach (var group in s.Handovers.Values.Where(h => h.IsOpen).GroupBy(h => h.Subject))
        {
            if (group.Count() > 1)
            {
                yield return $"'{group.Key}' has {group.Count()} open handovers.";
            }

            foreach (var h in group)
            {
                if (h.FromUserId != s.OwnerOf(h.Subject))
                {
                    yield return $"Handover '{h.HandoverId}' is from '{h.FromUserId}', who does not own '{h.Subject}'.";
                }

                if (h.Status == HandoverStatus.Accepted && !IsAccountable(s, h.AcceptedById, today))
                {
                    yield return $"Handover '{h.HandoverId}' was accepted by '{h.AcceptedById}', who is not a current agency member.";
                }
            }
        }

        foreach (var (_, m) in s.Measures)
        {
            if (m.IsOpen && !s.IsActiveMember(m.OwnerId, today))
            {
                yield return $"Open measure '{m.MeasureId}' is owned by '{m.OwnerId}', who is not a member.";
            }
        }

        var openMeetings = 0;
        foreach (var (_, m) in s.Meetings)
        {
            openMeetings += m.Status == MeetingStatus.Open ? 1 : 0;
        }

        if (openMeetings > 1)
        {
            yield return $"{openMeetings} meetings are open at once.";
        }

        foreach (var (_, m) in s.Meetings)
        {
            foreach (var d in m.Decisions)
            {
                if (!s.Measures.ContainsKey(d.MeasureId))
                {
                    yield return $"Decision '{d.DecisionId}' did not become a measure.";
                }
            }
        }

        // The coordinator leaves the prison with the person (domain §4).
        if (CoordinatorPlacement.Violation(s) is { } placement)
        {
            yield return placement;
        }

        // No owner who can no longer act (left their unit's staff, or a unit the person has left) without a flag, and no flag without its cause.
        foreach (var change in Orphans.Changes(s, _ => "?"))
        {
            if (change is ResponsibilityOrphaned o)
            {
                yield return $"'{o.Subject}' is owned by '{o.OwnerId}', who can no longer act ({o.Cause}), without a flag.";
            }
            else if (change is OrphanResolved r)
            {
                yield return $"'{r.Subject}' is flagged as orphaned, but '{r.OwnerId}' owns it and can act, or no longer owns it.";
            }
        }
    }

    private static bool IsAccountable(CaseState s, string? userId, DateOnly today) =>
        userId is not null && s.Members.TryGetValue(userId, out var m) && m.IsActiveOn(today) && m.Until is null && m.Role != MemberRole.Person;
}
