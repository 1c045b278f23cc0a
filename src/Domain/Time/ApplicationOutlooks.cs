using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Time;

/// <summary>
/// Applications against the release (domain §7): each kind of application has a typical lead time in the rule set
/// (<see cref="DeadlineRuleSet.LeadTimes"/>). A decision can be expected lead time after the application is sent (or after
/// today, while it is not sent), and it should come before the earliest release — the 2/3 date, or the expected release
/// when that is unknown. Each open application to a partner is assessed on a day:
/// <list type="bullet">
/// <item>granted (or granted on appeal): green;</item>
/// <item>refused (or refused on appeal): red, with the last day to appeal (<see cref="DeadlineRuleSet.AppealPeriod"/>) while a first refusal can still be appealed;</item>
/// <item>awaiting a decision, or not sent yet: red when the expected decision falls after the earliest release; amber when
/// not sent and the last day to send it (earliest release − lead time) is within <see cref="DeadlineRuleSet.DueSoonDays"/>;
/// amber while an appeal is decided; otherwise green.</item>
/// </list>
/// After release, or with no release date known, only the decision and the lead time are said. Measures cancelled are left out.
/// </summary>
public static class ApplicationOutlooks
{
    /// <summary>The outlook of every application in <paramref name="state"/> on <paramref name="today"/>, by measure id.</summary>
    public static ImmutableArray<ApplicationOutlook> Assess(CaseState state, DeadlineRuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        var release = state.ReleasedOn is null ? state.Dates.EarliestRelease ?? state.Dates.ExpectedRelease : null;
        return [.. state.Measures.Values
            .Where(m => m.Application is not null && m.Status != MeasureStatus.Cancelled)
            .OrderBy(m => m.MeasureId, StringComparer.Ordinal)
            .Select(m => Assess(m, m.Application!, rules, release, today))];
    }

    private static ApplicationOutlook Assess(Measure m, Application a, DeadlineRuleSet rules, DateOnly? release, DateOnly today)
    {
        var lead = rules.LeadTimeOf(a.Kind);
        var leadText = lead is null ? "ingen ledetid i regelsettet" : $"typisk ledetid {lead.Time.Length()}";
        ApplicationOutlook Make(DateOnly? applyBy, DateOnly? expected, DateOnly? appealBy, ReadinessColour colour, string reason) =>
            new(m.MeasureId, a.Kind, a.Step, a.AppliedOn, applyBy, expected, appealBy, colour, reason, rules.Version);

        var applyBy = lead is not null && release is { } r ? Back(lead.Time, r) : (DateOnly?)null;
        switch (a.Step)
        {
            case ApplicationStep.Granted or ApplicationStep.AppealGranted:
                return Make(applyBy, null, null, ReadinessColour.Green, $"Innvilget {Day(a.Entries[^1].Date)}");
            case ApplicationStep.Refused:
                var appealBy = a.DecidedOn is { } decided ? rules.AppealPeriod.AddTo(decided) : (DateOnly?)null;
                return Make(applyBy, null, appealBy, ReadinessColour.Red,
                    $"Avslått {Day(a.DecidedOn)}" + (appealBy is { } by ? $"; klagefrist {Day(by)} ({rules.AppealPeriod.Length()})" : ""));
            case ApplicationStep.AppealRefused:
                return Make(applyBy, null, null, ReadinessColour.Red, $"Klagen avslått {Day(a.Entries[^1].Date)}");
        }

        if (lead is null)
        {
            return Make(null, null, null, a.Step == ApplicationStep.Appealed ? ReadinessColour.Amber : ReadinessColour.Green,
                (a.Step == ApplicationStep.Appealed ? "Klage sendt" : a.AppliedOn is { } sent ? $"Sendt {Day(sent)}" : "Ikke sendt ennå") + $"; {leadText}");
        }

        var from = a.Step == ApplicationStep.Appealed ? a.Entries[^1].Date ?? today : a.AppliedOn ?? today;
        var expected = lead.Time.AddTo(from < today && a.AppliedOn is null ? today : from);
        var state = a.Step switch
        {
            ApplicationStep.Appealed => $"Klage sendt {Day(a.Entries[^1].Date)}",
            ApplicationStep.Applied => $"Sendt {Day(a.AppliedOn)}",
            _ => "Ikke sendt ennå",
        };
        var reason = $"{state}; {leadText} ({KindName(a.Kind)}): vedtak ventes rundt {Day(expected)}";
        if (release is not { } earliest)
        {
            return Make(null, expected, null, a.Step == ApplicationStep.Appealed ? ReadinessColour.Amber : ReadinessColour.Green, reason);
        }

        if (expected > earliest)
        {
            return Make(applyBy, expected, null, ReadinessColour.Red,
                $"{reason}, etter tidligste løslatelse {Day(earliest)}" + (a.AppliedOn is null ? $"; burde vært sendt innen {Day(applyBy)}" : ""));
        }

        var near = a.AppliedOn is null && applyBy is { } last && last.DayNumber - today.DayNumber <= rules.DueSoonDays;
        return Make(applyBy, expected, null, near || a.Step == ApplicationStep.Appealed ? ReadinessColour.Amber : ReadinessColour.Green,
            reason + (a.AppliedOn is null ? $"; send innen {Day(applyBy)} for vedtak før tidligste løslatelse {Day(earliest)}" : $", før tidligste løslatelse {Day(earliest)}"));
    }

    /// <summary>The Norwegian name of a kind of application.</summary>
    public static string KindName(ApplicationKind kind) => kind switch
    {
        ApplicationKind.Housing => "bolig",
        ApplicationKind.SocialAssistance => "økonomisk sosialhjelp",
        ApplicationKind.Benefits => "ytelse fra NAV",
        ApplicationKind.Treatment => "behandlingsplass",
        ApplicationKind.Education => "opplæring",
        _ => "annet",
    };

    /// <summary>The day <paramref name="period"/> before <paramref name="day"/>.</summary>
    private static DateOnly Back(DeadlinePeriod period, DateOnly day) => (period with { Amount = -period.Amount }).AddTo(day);

    private static string Day(DateOnly? day) => day is { } d ? CaseTimeline.Day(d) : "ukjent dato";
}
