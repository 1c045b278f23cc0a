using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Plan;

namespace CaseGrid.Domain.Time;

/// <summary>
/// The release gate (domain §8: "ingen skal løslates til gaten"). A case may be marked <see cref="CasePhase.Released"/>
/// only when every need area of its plan that the catalogue marks <see cref="NeedAreaDefinition.CriticalForRelease"/>
/// (housing, income and debt, physical and mental health, substance use) is in one of these states:
/// <list type="number">
/// <item><b>Excepted</b>: a release exception with a reason has been recorded for it (<see cref="RecordReleaseException"/>,
/// by a leader of the unit holding the case or of the area owner's unit, or by the coordinator).</item>
/// <item><b>Settled</b>: its status is <see cref="NeedStatus.Met"/> or <see cref="NeedStatus.DeclinedByPerson"/> — nothing is
/// left to carry across the release.</item>
/// <item><b>Held outside the prison</b>: its status is <see cref="NeedStatus.NeedIdentified"/>, <see cref="NeedStatus.InProgress"/>
/// or <see cref="NeedStatus.UnavailableCapacity"/> and it has an <i>accepted owner outside the prison</i>: either its
/// accountable owner, or the member who accepted its open handover (the overlap), is a current agency member whose agency
/// is not <see cref="Agency.Prison"/> (friomsorg, municipality, NAV, health and the others all count).</item>
/// </list>
/// A critical area that is not assessed, or identified but held only inside the prison (owner a prison member and no
/// handover accepted outside it — an offer not yet accepted does not count), blocks the release: the command is refused
/// with 409 <c>release.critical-unowned</c>, naming each blocking area.
/// </summary>
public static class ReleaseGate
{
    /// <summary>The refusal code.</summary>
    public const string Code = "release.critical-unowned";

    /// <summary>Each critical area that blocks release, with why, in catalogue order.</summary>
    public static ImmutableArray<(string Code, string Why)> Blocking(CaseState state, NeedAreaCatalogue catalogue, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(catalogue);
        var blocking = new List<(string, string)>();
        foreach (var definition in catalogue.Entries.Where(e => e.CriticalForRelease))
        {
            if (!state.NeedAreas.TryGetValue(definition.Code, out var need) || state.ReleaseExceptions.Any(x => x.Code == need.Code))
            {
                continue;
            }

            var name = $"{definition.NameNb} ({definition.Code})";
            if (need.Status == NeedStatus.NotAssessed)
            {
                blocking.Add((need.Code, $"{name} is not assessed"));
            }
            else if (need.Status is not (NeedStatus.Met or NeedStatus.DeclinedByPerson) && !HasOwnerOutsidePrison(state, need, today))
            {
                blocking.Add((need.Code, $"{name} has no accepted owner outside the prison (owned by '{need.AccountableOwnerId}')"));
            }
        }

        return [.. blocking];
    }

    /// <summary>Null when the case may be marked released; otherwise the refusal naming the blocking areas.</summary>
    public static DomainError? Check(CaseState state, NeedAreaCatalogue catalogue, DateOnly today)
    {
        var blocking = Blocking(state, catalogue, today);
        return blocking.IsEmpty
            ? null
            : new DomainError(
                ErrorKind.Conflict,
                Code,
                $"The case cannot be marked released: {string.Join("; ", blocking.Select(b => b.Why))}. "
                + "Hand each to an owner outside the prison, or have a leader or the coordinator record a release exception with a reason.");
    }

    /// <summary>True when the area's accountable owner, or the receiver who accepted its open handover, is a current agency member outside the prison.</summary>
    public static bool HasOwnerOutsidePrison(CaseState state, NeedArea need, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(need);
        var accepted = state.OpenHandoverOf(need.Code) is { Status: HandoverStatus.Accepted } h ? h.AcceptedById : null;
        return IsOutside(need.AccountableOwnerId) || IsOutside(accepted);

        bool IsOutside(string? userId) =>
            userId is not null && state.Members.TryGetValue(userId, out var m) && m.IsActiveOn(today) && m.Until is null
            && m.Agency is not (Agency.Prison or Agency.Person);
    }
}
