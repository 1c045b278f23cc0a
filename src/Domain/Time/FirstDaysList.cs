using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Time;

/// <summary>
/// The first-days list made when a case is marked released (domain §8; 001:923 — from the first hours to the first
/// days are critical): where the person sleeps, money, medication, who meets them. Each line says what the plan
/// already holds for it; health-sensitive areas are named with their owner only, never their details.
/// </summary>
public static class FirstDaysList
{
    /// <summary>The item ids, in order.</summary>
    public static ImmutableArray<string> ItemIds { get; } = ["sleep", "money", "medication", "meets"];

    /// <summary>The list for <paramref name="state"/> as it stands.</summary>
    public static ImmutableArray<FirstDaysItem> Build(CaseState state, NeedAreaCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(catalogue);
        var benefits = state.Milestones.Where(m => m.Kind == MilestoneKind.BenefitsDecided).MaxBy(m => m.Date);
        var health = catalogue.Entries.Where(e => e.HealthSensitive && e.CriticalForRelease).Select(e => e.Code).ToImmutableArray();
        var healthOwners = health
            .Select(code => state.NeedAreas.GetValueOrDefault(code))
            .Where(n => n is { Status: not NeedStatus.NotAssessed, AccountableOwnerId: not null })
            .Select(n => $"{catalogue.Find(n!.Code)?.NameNb ?? n.Code}: {Name(state, n.AccountableOwnerId!)}")
            .ToList();
        var meeters = state.Members.Values
            .Where(m => m.Until is null && m.Agency is (Agency.Friomsorg or Agency.Municipality) && m.UserId != state.CoordinatorId)
            .OrderBy(m => m.UserId, StringComparer.Ordinal)
            .Select(m => $"{m.DisplayName} ({DeadlineCalculator.AgencyName(m.Agency)})")
            .ToList();

        return
        [
            Item("sleep", "Hvor personen sover de første nettene", Area(state, catalogue, "housing")),
            Item("money", "Penger de første dagene",
                Area(state, catalogue, "income-debt") + (benefits is null ? "" : $"; ytelser avklart {CaseTimeline.Day(benefits.Date)}")),
            Item("medication", "Medisiner og resepter", healthOwners.Count == 0 ? "Ingen helse- eller rusbehov registrert i planen" : $"Ansvarlige: {string.Join(", ", healthOwners)}"),
            Item("meets", "Hvem som møter personen på løslatelsesdagen",
                $"Koordinator: {Name(state, state.CoordinatorId)}" + (meeters.Count == 0 ? "" : $"; også {string.Join(", ", meeters)}")),
        ];
    }

    private static FirstDaysItem Item(string id, string what, string fromPlan) => new(id, $"{what}. {fromPlan}", false, null, null, 0);

    /// <summary>What the plan holds for a (non-health) area: its owner and its open or delivered measures.</summary>
    private static string Area(CaseState s, NeedAreaCatalogue catalogue, string code)
    {
        var name = catalogue.Find(code)?.NameNb ?? code;
        if (!s.NeedAreas.TryGetValue(code, out var need) || need.Status == NeedStatus.NotAssessed || need.AccountableOwnerId is null)
        {
            return $"{name}: ikke vurdert i planen";
        }

        var measures = s.Measures.Values
            .Where(m => m.NeedCodes.Contains(code) && m.Status != MeasureStatus.Cancelled)
            .OrderBy(m => m.Version)
            .Select(m => $"{m.What} ({Name(s, m.OwnerId)})")
            .ToList();
        return $"{name}: ansvarlig {Name(s, need.AccountableOwnerId)}" + (measures.Count == 0 ? "" : $"; tiltak: {string.Join("; ", measures)}");
    }

    private static string Name(CaseState s, string userId) => s.Members.GetValueOrDefault(userId)?.DisplayName ?? userId;
}
