using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Time;

/// <summary>
/// The release gate (domain §8: "ingen skal løslates til gaten"). It applies to every move that lets the person out of
/// prison — on parole, under electronic monitoring, to serve in the community, or a full-time release (<see cref="CasePhases.IsRelease"/>)
/// — and, for the coordinator role, to a move from the community phase to released. Each of these must hold, or have a
/// release exception with a reason recorded under its code (<see cref="RecordReleaseException"/>, by a leader of the unit
/// holding the case or of the area owner's unit, or by the coordinator):
/// <list type="number">
/// <item><b>Every critical need area</b> (the catalogue's <see cref="NeedAreaDefinition.CriticalForRelease"/>: housing, income and
/// debt, physical and mental health, substance use) is assessed, and either settled (<see cref="NeedStatus.Met"/> or
/// <see cref="NeedStatus.DeclinedByPerson"/>) or held by an accepted owner outside the prison — its accountable owner, or the
/// member who accepted its open handover (the overlap), being a current agency member not of the prison.</item>
/// <item><b>Outcomes, not only owners</b>: for the areas marked <see cref="NeedAreaDefinition.OutcomeAtRelease"/> (housing, income)
/// an owner is not enough — "in progress" or "not available because of capacity" is not housing on release day. The need must
/// be met (housing secured; for income also benefits decided, <see cref="MilestoneKind.BenefitsDecided"/>) or declined by the person.</item>
/// <item><b>The coordinator leaves the prison with the person</b> (<see cref="CoordinatorPlacement"/>): the coordinator already
/// sits where the new phase demands, or an open handover of the role is accepted, with the overlap met, by a member who may —
/// the move completes it — under the code <c>coordinator</c>.</item>
/// <item><b>An exit conversation</b> (<see cref="MilestoneKind.ExitConversation"/>, 002:1140-1144) is recorded — code <c>exit-conversation</c>.</item>
/// </list>
/// A refusal is 409 <see cref="Code"/>, naming each item; its <see cref="DomainError.Current"/> carries the items (code and
/// Norwegian reason) so a client can show and act on each.
/// </summary>
public static class ReleaseGate
{
    /// <summary>The refusal code.</summary>
    public const string Code = "release.not-ready";

    /// <summary>The code of the coordinator item (the responsibility's own subject).</summary>
    public const string CoordinatorCode = Responsibility.Coordinator;

    /// <summary>The code of the exit-conversation item.</summary>
    public const string ExitConversationCode = "exit-conversation";

    /// <summary>
    /// What stops a move to <paramref name="to"/> from the case's phase (by default a full-time release), in catalogue order,
    /// then the coordinator, then the exit conversation. Empty when nothing does, or when the move is no release.
    /// </summary>
    public static ImmutableArray<(string Code, string Why, string Hvorfor)> Blocking(CaseState state, NeedAreaCatalogue catalogue, DateOnly today, CasePhase to = CasePhase.Released)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(catalogue);
        var leaving = CasePhases.IsRelease(state.Phase, to);
        var endingSupervision = state.Phase == CasePhase.Community && to == CasePhase.Released;
        if (!leaving && !endingSupervision)
        {
            return [];
        }

        var blocking = new List<(string, string, string)>();
        if (leaving)
        {
            foreach (var definition in catalogue.Entries.Where(e => e.CriticalForRelease))
            {
                if (!state.NeedAreas.TryGetValue(definition.Code, out var need) || IsExcepted(state, need.Code))
                {
                    continue;
                }

                var name = $"{definition.NameNb} ({definition.Code})";
                if (need.Status == NeedStatus.NotAssessed)
                {
                    blocking.Add((need.Code, $"{name} is not assessed", $"{definition.NameNb}: ikke vurdert"));
                }
                else if (need.Status is NeedStatus.Met or NeedStatus.DeclinedByPerson)
                {
                    continue;
                }
                else if (definition.OutcomeAtRelease && !OutcomeSecured(state, need))
                {
                    var status = need.Status == NeedStatus.UnavailableCapacity ? "not available because of capacity" : need.Status == NeedStatus.InProgress ? "still in progress" : "not met";
                    var norsk = need.Status == NeedStatus.UnavailableCapacity ? "ikke tilgjengelig på grunn av kapasitet" : need.Status == NeedStatus.InProgress ? "fortsatt under arbeid" : "ikke på plass";
                    blocking.Add((need.Code, $"{name} is {status}, not secured",
                        $"{definition.NameNb}: {norsk} – ikke sikret på løslatelsesdagen. Marker behovet dekket, eller registrer et unntak med begrunnelse (f.eks. nødbolig)"));
                }
                else if (!definition.OutcomeAtRelease && !HasOwnerOutsidePrison(state, need, today))
                {
                    blocking.Add((need.Code, $"{name} has no accepted owner outside the prison (owned by '{need.AccountableOwnerId}')",
                        $"{definition.NameNb}: ingen ansvarlig utenfor fengselet har tatt imot"));
                }
            }
        }

        if (CoordinatorPlacement.Blocking(state, to, today) is { } coordinator)
        {
            blocking.Add((CoordinatorCode, coordinator.En, coordinator.Nb));
        }

        if (leaving && !state.Milestones.Any(m => m.Kind == MilestoneKind.ExitConversation) && !IsExcepted(state, ExitConversationCode))
        {
            blocking.Add((ExitConversationCode, "no exit conversation is recorded", "Avskjedssamtalen med personen er ikke registrert"));
        }

        return [.. blocking];
    }

    /// <summary>
    /// What would stop the person leaving prison today, as gate items: into the community under supervision when an end of
    /// supervision is set, else a full-time release; in the community phase, what would stop its end.
    /// </summary>
    public static ImmutableArray<GateItem> Items(CaseState state, NeedAreaCatalogue catalogue, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        var to = CasePhases.IsInPrison(state.Phase) && state.Dates.EndOfSupervision is not null ? CasePhase.Community : CasePhase.Released;
        return [.. Blocking(state, catalogue, today, to).Select(b => new GateItem(b.Code, b.Hvorfor))];
    }

    /// <summary>Null when the case may move to <paramref name="to"/>; otherwise the refusal naming what blocks.</summary>
    public static DomainError? Check(CaseState state, NeedAreaCatalogue catalogue, DateOnly today, CasePhase to = CasePhase.Released)
    {
        var blocking = Blocking(state, catalogue, today, to);
        return blocking.IsEmpty
            ? null
            : new DomainError(
                ErrorKind.Conflict,
                Code,
                $"The person cannot leave prison yet: {string.Join("; ", blocking.Select(b => b.Why))}. "
                + "Secure each outcome or hand it to an owner outside the prison, hand the coordinator role over, record the exit conversation — "
                + "or have a leader or the coordinator record a release exception with a reason.",
                null,
                blocking.Select(b => new GateItem(b.Code, b.Hvorfor)).ToImmutableArray());
    }

    /// <summary>
    /// Critical need areas without an accepted owner outside the prison (not assessed, or held only inside it), however far
    /// their outcome: what a board counts as unowned after release.
    /// </summary>
    public static int UnownedAfterRelease(CaseState state, NeedAreaCatalogue catalogue, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(catalogue);
        return catalogue.Entries.Where(e => e.CriticalForRelease)
            .Select(e => state.NeedAreas.GetValueOrDefault(e.Code))
            .Count(n => n is not null && !IsExcepted(state, n.Code)
                && (n.Status == NeedStatus.NotAssessed || (n.Status is not (NeedStatus.Met or NeedStatus.DeclinedByPerson) && !HasOwnerOutsidePrison(state, n, today))));
    }

    /// <summary>The codes a release exception may be recorded for: the critical need areas of the plan, the coordinator role, the exit conversation.</summary>
    public static bool IsExceptionCode(CaseState state, NeedAreaCatalogue catalogue, string? code)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(catalogue);
        return code is CoordinatorCode or ExitConversationCode
            || (code is not null && state.NeedAreas.ContainsKey(code) && catalogue.Find(code)?.CriticalForRelease == true);
    }

    /// <summary>True when the area's outcome is secured for release day: met or declined; for income and debt also benefits decided.</summary>
    public static bool OutcomeSecured(CaseState state, NeedArea need)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(need);
        return need.Status is NeedStatus.Met or NeedStatus.DeclinedByPerson
            || (need.Code == "income-debt" && state.Milestones.Any(m => m.Kind == MilestoneKind.BenefitsDecided));
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

    private static bool IsExcepted(CaseState state, string code) => state.ReleaseExceptions.Any(x => x.Code == code);
}
