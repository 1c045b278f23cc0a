using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;

namespace CaseGrid.Domain.Handovers;

/// <summary>
/// The coordinator leaves the prison with the person (domain §4, 004:549-552): once the person is out — on parole, under
/// electronic monitoring, serving in the community or released — the coordinator role sits outside the prison: with
/// friomsorg while there is supervision (the community phase), otherwise outside the correctional service (the municipal
/// coordinator). Only a release exception for <see cref="Responsibility.Coordinator"/> waives it.
/// </summary>
public static class CoordinatorPlacement
{
    /// <summary>True when a member of <paramref name="agency"/> may hold the coordinator role while the case is in <paramref name="phase"/>.</summary>
    public static bool MaySit(Agency agency, CasePhase phase) => phase switch
    {
        CasePhase.Community => agency is not (Agency.Prison or Agency.Person),
        CasePhase.Released or CasePhase.Aftercare => agency is not (Agency.Prison or Agency.Friomsorg or Agency.Person),
        _ => agency != Agency.Person,
    };

    /// <summary>Where the coordinator must sit in <paramref name="phase"/>, in words: <c>utenfor fengselet</c> or <c>utenfor kriminalomsorgen</c>.</summary>
    public static string Where(CasePhase phase) =>
        phase == CasePhase.Community ? "utenfor fengselet (friomsorgen under tilsyn)" : "utenfor kriminalomsorgen (kommunal koordinator)";

    /// <summary>True when a release exception waives the rule for the coordinator role.</summary>
    public static bool IsExcepted(CaseState state) =>
        state.ReleaseExceptions.Any(x => x.Code == Responsibility.Coordinator);

    /// <summary>
    /// The open coordinator handover a move into <paramref name="phase"/> completes: accepted by a member who may sit there,
    /// with the overlap met. Leaving prison is the moment the sender lets go, whatever date was planned.
    /// </summary>
    public static Handover? Completing(CaseState state, CasePhase phase, DateOnly today) =>
        state.OpenHandoverOf(Responsibility.Coordinator) is { Status: HandoverStatus.Accepted, OverlapMet: true } h
        && state.Members.GetValueOrDefault(h.AcceptedById!) is { } receiver && receiver.IsActiveOn(today) && receiver.Until is null
        && MaySit(receiver.Agency, phase)
            ? h
            : null;

    /// <summary>
    /// Null when the coordinator may move with the person into <paramref name="phase"/> (already where the role must sit,
    /// a completing handover, or an exception); otherwise why not, in English and Norwegian.
    /// </summary>
    public static (string En, string Nb)? Blocking(CaseState state, CasePhase phase, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        var coordinator = state.Members.GetValueOrDefault(state.CoordinatorId);
        if (coordinator is null || MaySit(coordinator.Agency, phase) || Completing(state, phase, today) is not null || IsExcepted(state))
        {
            return null;
        }

        var open = state.OpenHandoverOf(Responsibility.Coordinator);
        var where = Where(phase);
        return open switch
        {
            null => ("the coordinator role has no handover planned out of the prison",
                $"Koordinatorrollen er ikke planlagt overført {where}"),
            { Status: HandoverStatus.Offered } => ($"the coordinator role is offered to {open.ToUnitId} but not accepted",
                $"Koordinatorrollen er tilbudt {open.ToUnitId}, men ikke godtatt"),
            { OverlapMet: false } => ("the coordinator role's receiver has not yet met the group or the person (no overlap)",
                "Den som har godtatt koordinatorrollen har ikke møtt ansvarsgruppen eller personen ennå (ingen overlapp)"),
            _ => ("the coordinator role's receiver may not hold it after this release",
                $"Den som har godtatt koordinatorrollen kan ikke ha den etter løslatelsen; den må ligge {where}"),
        };
    }

    /// <summary>
    /// For the planning deadline: why the coordinator role will leave with the person — already outside the prison, or a
    /// handover of it open to a unit outside the prison — or null.
    /// </summary>
    public static string? Planned(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var coordinator = state.Members.GetValueOrDefault(state.CoordinatorId);
        if (coordinator is not null && coordinator.Agency is not (Agency.Prison or Agency.Person))
        {
            return $"koordinator er {coordinator.DisplayName} ({Time.DeadlineCalculator.AgencyName(coordinator.Agency)})";
        }

        var open = state.OpenHandoverOf(Responsibility.Coordinator);
        var toAgency = open?.AcceptedById is { } acceptor ? state.Members.GetValueOrDefault(acceptor)?.Agency : open?.ToAgency;
        return open is not null && toAgency is { } agency && agency is not (Agency.Prison or Agency.Person)
            ? $"koordinatorrollen er {(open.Status == HandoverStatus.Accepted ? "godtatt" : "tilbudt")} av {open.ToUnitId}, planlagt {Time.CaseTimeline.Day(open.PlannedDate)}"
            : null;
    }

    /// <summary>A refusal when <paramref name="agency"/> may not take the coordinator role now that the person is out; null otherwise.</summary>
    public static DomainError? RefuseReceiver(CaseState state, string subject, Agency? agency)
    {
        ArgumentNullException.ThrowIfNull(state);
        return subject == Responsibility.Coordinator && state.IsOutOfPrison && agency is { } a && !MaySit(a, state.Phase) && !IsExcepted(state)
            ? new DomainError(ErrorKind.Unprocessable, "coordinator.must-be-outside",
                $"The person is out of prison: the coordinator role sits {(state.Phase == CasePhase.Community ? "outside the prison" : "outside the correctional service")}, not with a {a} member.")
            : null;
    }

    /// <summary>The invariant: once the person is out, the coordinator sits where the phase says, unless excepted. Null when it holds.</summary>
    public static string? Violation(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.IsOutOfPrison || IsExcepted(state))
        {
            return null;
        }

        var coordinator = state.Members.GetValueOrDefault(state.CoordinatorId);
        return coordinator is not null && !MaySit(coordinator.Agency, state.Phase)
            ? $"The person is out of prison ({state.Phase}) but the coordinator '{state.CoordinatorId}' is a {coordinator.Agency} member."
            : null;
    }
}
