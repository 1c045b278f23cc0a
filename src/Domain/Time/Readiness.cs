using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Time;

/// <summary>
/// Release readiness (domain §8), assessed from <see cref="ReadinessSettings.WeeksBeforeRelease"/> weeks before the
/// release (always while the release date is unknown). Seven items, each green, amber, red or not available because
/// of capacity (a state of its own, never green):
/// <list type="bullet">
/// <item><b>housing</b>, <b>income</b> (income and debt, or benefits decided), <b>treatment</b> (the critical health areas:
/// all of them), <b>activity</b> (work or education: either one) from their need areas: met is green; not available
/// because of capacity is that; declined by the person, or under way (in progress, or a measure accepted or started),
/// is amber — red within <see cref="ReadinessSettings.RedWithinDays"/> days of release; not assessed, or identified with
/// nothing under way, is red.</item>
/// <item><b>friomsorg</b> engaged and <b>municipal-caseworker</b> named: green once a member of that agency is in the
/// group (or, for friomsorg, the milestone is recorded); red when its deadline is overdue or release is near; else amber.</item>
/// <item><b>release-meeting</b> held: from the <c>release-meeting</c> deadline — met is green, overdue red, otherwise amber.</item>
/// </list>
/// </summary>
public static class Readiness
{
    /// <summary>Assess <paramref name="state"/> on <paramref name="today"/>.</summary>
    public static ReleaseReadiness Assess(CaseState state, NeedAreaCatalogue catalogue, DeadlineRuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(rules);
        var timeline = new CaseTimeline(state);
        var release = timeline.KnownRelease;
        var weeks = rules.Readiness.WeeksBeforeRelease;
        var from = release?.AddDays(-7 * weeks);
        if (from is { } start && today < start)
        {
            return new ReleaseReadiness(false, start, release, null, [], $"Ikke ennå: vurderes fra {CaseTimeline.Day(start)}, {weeks} uker før løslatelse {CaseTimeline.Day(release!.Value)}");
        }

        var near = release is { } r && r.DayNumber - today.DayNumber <= rules.Readiness.RedWithinDays;
        var deadlines = DeadlineCalculator.Compute(state, rules, today);
        var a = new Assessor(state, catalogue, today, near, release);
        var health = catalogue.Entries.Where(e => e.HealthSensitive && e.CriticalForRelease).Select(e => e.Code).ToImmutableArray();
        var benefits = timeline.FirstMilestone(MilestoneKind.BenefitsDecided);
        ImmutableArray<ReadinessItem> items =
        [
            a.Needs("housing", "Bolig sikret", ["housing"], all: true),
            benefits is { } decided
                ? new ReadinessItem("income", "Inntekt avklart", ReadinessColour.Green, $"Ytelser avklart {CaseTimeline.Day(decided)}")
                : a.Needs("income", "Inntekt avklart", ["income-debt"], all: true),
            a.Needs("treatment", "Behandling videreført", health, all: true),
            a.Needs("activity", "Aktivitet ordnet", ["work", "education"], all: false),
            a.Engaged("friomsorg", "Friomsorgen trukket inn", Agency.Friomsorg, timeline.FirstMilestone(MilestoneKind.FriomsorgEngaged),
                deadlines.Where(d => d.RuleId == "friomsorg-engaged")),
            a.Engaged("municipal-caseworker", "Kommunal saksbehandler navngitt", Agency.Municipality, null,
                deadlines.Where(d => d.RuleId.StartsWith("municipality-contacted", StringComparison.Ordinal))),
            ReleaseMeeting(deadlines.FirstOrDefault(d => d.RuleId == "release-meeting"), timeline.FirstMilestone(MilestoneKind.ReleaseMeeting)),
        ];
        var reason = release is { } day
            ? $"Vurderes fra {CaseTimeline.Day(from!.Value)}, {weeks} uker før løslatelse {CaseTimeline.Day(day)}"
            : "Løslatelsesdato ukjent: vurderes fortløpende";
        return new ReleaseReadiness(true, from, release, items.Select(i => i.Colour).MaxBy(Severity), items, reason);
    }

    /// <summary>How bad a colour is: red is worst, then not available because of capacity, amber, green.</summary>
    public static int Severity(ReadinessColour colour) => colour switch
    {
        ReadinessColour.Red => 3,
        ReadinessColour.NotAvailableCapacity => 2,
        ReadinessColour.Amber => 1,
        _ => 0,
    };

    private static ReadinessItem ReleaseMeeting(Deadline? deadline, DateOnly? milestone)
    {
        const string code = "release-meeting", title = "Løslatelsesmøte holdt";
        if (deadline is null)
        {
            return milestone is { } held
                ? new ReadinessItem(code, title, ReadinessColour.Green, $"Holdt {CaseTimeline.Day(held)}")
                : new ReadinessItem(code, title, ReadinessColour.Amber, "Ikke holdt");
        }

        return deadline.Status switch
        {
            DeadlineStatus.Met => new ReadinessItem(code, title, ReadinessColour.Green, deadline.MetOn is { } on ? $"Holdt {CaseTimeline.Day(on)}" : "Holdt"),
            DeadlineStatus.Overdue => new ReadinessItem(code, title, ReadinessColour.Red, $"Ikke holdt; fristen var {CaseTimeline.Day(deadline.Due!.Value)}"),
            _ => new ReadinessItem(code, title, ReadinessColour.Amber,
                deadline.Due is { } due ? $"Ikke holdt ennå; holdes {(deadline.WindowStart is { } ws ? $"mellom {CaseTimeline.Day(ws)} og" : "innen")} {CaseTimeline.Day(due)}" : "Ikke holdt ennå"),
        };
    }

    private sealed class Assessor(CaseState s, NeedAreaCatalogue catalogue, DateOnly today, bool near, DateOnly? release)
    {
        public ReadinessItem Needs(string code, string title, ImmutableArray<string> needCodes, bool all)
        {
            var assessed = needCodes.Where(s.NeedAreas.ContainsKey).Select(c => Assess(s.NeedAreas[c])).ToList();
            if (assessed.Count == 0)
            {
                return new ReadinessItem(code, title, ReadinessColour.Red, "Behovsområdet finnes ikke i planen");
            }

            var colour = all ? assessed.Select(x => x.Colour).MaxBy(Severity) : assessed.Select(x => x.Colour).MinBy(Severity);
            var reasons = assessed.Where(x => x.Colour == colour).Select(x => x.Reason);
            return new ReadinessItem(code, title, colour, string.Join("; ", reasons));
        }

        public ReadinessItem Engaged(string code, string title, Agency agency, DateOnly? milestone, IEnumerable<Deadline> deadlines)
        {
            var member = s.Members.Values
                .Where(m => m.Agency == agency && m.IsActiveOn(today))
                .OrderBy(m => m.From).ThenBy(m => m.UserId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (member is not null)
            {
                return new ReadinessItem(code, title, ReadinessColour.Green, $"{member.DisplayName} ({DeadlineCalculator.AgencyName(agency)}) er med i ansvarsgruppen");
            }

            if (milestone is { } on)
            {
                return new ReadinessItem(code, title, ReadinessColour.Green, $"{CaseTimeline.MilestoneName(MilestoneKind.FriomsorgEngaged)} {CaseTimeline.Day(on)}");
            }

            var overdue = deadlines.FirstOrDefault(d => d.Status == DeadlineStatus.Overdue);
            if (overdue is not null)
            {
                return new ReadinessItem(code, title, ReadinessColour.Red, $"Ingen fra {DeadlineCalculator.AgencyName(agency)} i ansvarsgruppen; fristen var {CaseTimeline.Day(overdue.Due!.Value)}");
            }

            return new ReadinessItem(code, title, near ? ReadinessColour.Red : ReadinessColour.Amber, $"Ingen fra {DeadlineCalculator.AgencyName(agency)} i ansvarsgruppen ennå" + Left());
        }

        private (ReadinessColour Colour, string Reason) Assess(NeedArea n)
        {
            var name = catalogue.Find(n.Code)?.NameNb ?? n.Code;
            var underWay = n.Status == NeedStatus.InProgress || s.Measures.Values.Any(m => m.NeedCodes.Contains(n.Code)
                && m.Status is MeasureStatus.AcceptedByOwner or MeasureStatus.Started or MeasureStatus.Delivered);
            var conditional = s.Measures.Values
                .Where(m => m.NeedCodes.Contains(n.Code) && m.ConditionalOnRelease is not null && m.Status is MeasureStatus.AcceptedByOwner or MeasureStatus.Started)
                .Select(m => m.ConditionalOnRelease!.Value)
                .Order()
                .Select(d => $"; betinget tilsagn ved løslatelse {CaseTimeline.Day(d)}")
                .FirstOrDefault() ?? "";
            return n.Status switch
            {
                NeedStatus.Met => (ReadinessColour.Green, $"{name}: dekket"),
                NeedStatus.UnavailableCapacity => (ReadinessColour.NotAvailableCapacity, $"{name}: ikke tilgjengelig på grunn av kapasitet"),
                NeedStatus.NotAssessed => (ReadinessColour.Red, $"{name}: ikke vurdert"),
                NeedStatus.DeclinedByPerson => (near ? ReadinessColour.Red : ReadinessColour.Amber, $"{name}: personen har takket nei" + Left()),
                _ when underWay => (near ? ReadinessColour.Red : ReadinessColour.Amber, $"{name}: under arbeid" + conditional + Left()),
                _ => (ReadinessColour.Red, $"{name}: behov identifisert, ingen tiltak i gang"),
            };
        }

        private string Left() => near && release is { } r
            ? (r < today ? $"; løslatelsen var {CaseTimeline.Day(r)}" : $"; {r.DayNumber - today.DayNumber} dager til løslatelse")
            : "";
    }
}
