using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Plan;
using CaseGrid.Contracts.Time;

namespace CaseGrid.Domain.Time;

/// <summary>
/// Computes a case's deadlines on a day from a <see cref="DeadlineRuleSet"/> (domain §7). Pure: the same case, rule
/// set and day always give the same deadlines, each carrying its rule, the rule-set version and its reason.
/// <list type="bullet">
/// <item>Due = anchor + offset; the anchor falls back as <see cref="DeadlineAnchor"/> says when a date is unknown.</item>
/// <item>Fast track (<see cref="FastTrackSettings"/>): when release comes at most 90 days after intake (an unknown release
/// counts as at intake), a deadline counted back from or on a release date (offset ≤ 0) that falls before intake + 3 days
/// is moved to intake + 3 days — but never after that release date itself, when it is known. The reason says
/// <c>hurtigspor</c>. Once the case is released nothing is moved.</item>
/// <item>Status, in this order: not applicable when the rule's condition fails or it cannot count; met when a milestone
/// or fact in <see cref="DeadlineRule.SatisfiedBy"/> holds; not applicable when the phase is outside
/// <see cref="DeadlineRule.ActiveIn"/>; overdue after the due day; due soon within <see cref="DeadlineRuleSet.DueSoonDays"/>;
/// otherwise upcoming.</item>
/// </list>
/// </summary>
public static class DeadlineCalculator
{
    /// <summary>Every rule's deadline for <paramref name="state"/> as it stands on <paramref name="today"/>, in the rule set's order.</summary>
    public static ImmutableArray<Deadline> Compute(CaseState state, DeadlineRuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        var timeline = new CaseTimeline(state);
        return [.. rules.Rules.Select(rule => Evaluate(state, timeline, rule, rules, today))];
    }

    private static Deadline Evaluate(CaseState s, CaseTimeline t, DeadlineRule rule, DeadlineRuleSet rules, DateOnly today)
    {
        var responsible = ResponsibleAgency(s, rule);
        Deadline Make(DateOnly? due, DateOnly? windowStart, DeadlineStatus status, DateOnly? metOn, string reason) =>
            new(rule.Id, rules.Version, rule.NameNb, due, windowStart, status, metOn, rule.Severity, responsible, reason, rule.Source);

        var anchor = t.Resolve(rule.Anchor, rule.AnchorMilestone, rule.FallbackAnchor, out var missing, rule.AnchorAgency);
        if (anchor is null)
        {
            return Make(null, null, DeadlineStatus.NotApplicable, null, missing!);
        }

        var due = rule.Offset.AddTo(anchor.Date);
        var windowStart = rule.Window?.AddTo(anchor.Date);
        var reason = anchor.Text + rule.Offset.WithSign() + (rule.Window is { } w ? $" (vindu fra{w.WithSign()})" : "");

        if (s.ReleasedOn is null && rule.Offset.Amount <= 0
            && rule.Anchor is DeadlineAnchor.EarliestRelease or DeadlineAnchor.ExpectedRelease or DeadlineAnchor.Release
            && t.IsFastTrack(rules.FastTrack))
        {
            var start = rules.FastTrack.GraceDays;
            var earliest = t.Intake.Date.AddDays(start);
            if (due < earliest)
            {
                var moved = anchor.IsFallback || earliest <= anchor.Date ? earliest : anchor.Date;
                reason += $"; hurtigspor (løslatelse innen {rules.FastTrack.MaxDaysToRelease} dager etter innkomst): flyttet til "
                    + (moved == earliest ? $"innkomst + {new DeadlinePeriod(start, PeriodUnit.Days).Length()}" : "løslatelsesdagen")
                    + $" {CaseTimeline.Day(moved)}";
                due = moved;
            }
        }

        if (windowStart is { } ws)
        {
            // A window never opens before intake, nor after the deadline it leads to.
            windowStart = ws < t.Intake.Date ? t.Intake.Date : ws;
            windowStart = windowStart > due ? due : windowStart;
        }

        if (rule.Condition is { } condition)
        {
            if (!Applies(condition, s, t, anchor, out var conditionText))
            {
                return Make(due, windowStart, DeadlineStatus.NotApplicable, null, $"Gjelder ikke: {conditionText}");
            }

            reason += $" ({conditionText})";
        }

        var met = rule.SatisfiedBy
            .Select(x => Satisfied(x, s, t, anchor, windowStart ?? due, windowStart ?? anchor.Date, today))
            .Where(m => m.Met)
            .OrderBy(m => m.On ?? DateOnly.MaxValue)
            .FirstOrDefault();
        if (met.Met)
        {
            return Make(due, windowStart, DeadlineStatus.Met, met.On, $"{reason}; oppfylt: {met.How}");
        }

        if (!rule.ActiveIn.Contains(s.Phase))
        {
            return Make(due, windowStart, DeadlineStatus.NotApplicable, null, $"{reason}; gjelder ikke i fasen {CaseTimeline.PhaseName(s.Phase)}");
        }

        var status = today > due ? DeadlineStatus.Overdue
            : due.DayNumber - today.DayNumber <= rules.DueSoonDays ? DeadlineStatus.DueSoon
            : DeadlineStatus.Upcoming;
        return Make(due, windowStart, status, null, reason);
    }

    private static bool Applies(RuleCondition c, CaseState s, CaseTimeline t, AnchorDate anchor, out string text)
    {
        var parts = new List<string>();
        var applies = true;

        void Length(DeadlinePeriod? limit, bool atMost)
        {
            if (limit is not { } p)
            {
                return;
            }

            var words = atMost ? $"straff inntil {p.Length()}" : $"straff over {p.Length()}";
            if (t.Sentence is { } sentence)
            {
                var holds = atMost ? sentence.End <= p.AddTo(sentence.Start) : sentence.End > p.AddTo(sentence.Start);
                parts.Add(holds ? words : atMost ? $"straffen er over {p.Length()}" : $"straffen er inntil {p.Length()}");
                applies &= holds;
            }
            else
            {
                parts.Add(c.WhenUnknown ? $"straffens lengde ukjent; regnet som {words}" : "straffens lengde ukjent");
                applies &= c.WhenUnknown;
            }
        }

        void Remaining(DeadlinePeriod? limit, bool atMost)
        {
            if (limit is not { } p)
            {
                return;
            }

            var words = atMost ? $"{p.Length()} eller mindre igjen til løslatelse" : $"mer enn {p.Length()} igjen til løslatelse";
            if (t.KnownRelease is { } release)
            {
                var holds = atMost ? release <= p.AddTo(anchor.Date) : release > p.AddTo(anchor.Date);
                parts.Add(holds ? words : atMost ? $"mer enn {p.Length()} igjen til løslatelse" : $"{p.Length()} eller mindre igjen til løslatelse");
                applies &= holds;
            }
            else
            {
                parts.Add(c.WhenUnknown ? $"løslatelsesdato ukjent; regnet som {words}" : "løslatelsesdato ukjent");
                applies &= c.WhenUnknown;
            }
        }

        Length(c.SentenceAtMost, atMost: true);
        Length(c.SentenceLongerThan, atMost: false);
        Remaining(c.RemainingAtMost, atMost: true);
        Remaining(c.RemainingMoreThan, atMost: false);
        if (c.RequiresSupervision)
        {
            var known = s.Dates.EndOfSupervision is not null;
            parts.Add(known ? "med tilsyn" : "ingen tilsynsperiode registrert");
            applies &= known;
        }

        if (c.CoordinatorWas is { } agency)
        {
            var was = t.CoordinatorWas(agency);
            parts.Add(was ? $"koordinator fra {AgencyName(agency)}" : $"koordinatoren har ikke vært fra {AgencyName(agency)}");
            applies &= was;
        }

        text = string.Join(", ", parts);
        return applies;
    }

    private static (bool Met, DateOnly? On, string How) Satisfied(
        RuleSatisfaction x, CaseState s, CaseTimeline t, AnchorDate anchor, DateOnly windowStart, DateOnly since, DateOnly today)
    {
        if (x.Milestone is { } kind)
        {
            return t.FirstMilestone(kind) is { } on ? (true, on, $"{Lower(CaseTimeline.MilestoneName(kind))} registrert {CaseTimeline.Day(on)}") : default;
        }

        switch (x.Fact)
        {
            case SatisfactionFact.MemberJoined:
                return t.FirstMemberOf(x.Agency!.Value, today) is { } joined
                    ? (true, joined, $"medlem fra {AgencyName(x.Agency.Value)} i ansvarsgruppen fra {CaseTimeline.Day(joined)}")
                    : default;
            case SatisfactionFact.GroupMeetingInWindow:
                var meeting = s.Encounters.Where(e => e.Kind == EncounterKind.GroupMeeting && e.Date >= windowStart && e.Date <= today)
                    .Select(e => (DateOnly?)e.Date).Min();
                return meeting is { } held ? (true, held, $"møte i ansvarsgruppen {CaseTimeline.Day(held)}") : default;
            case SatisfactionFact.NeedMet:
                return s.NeedAreas.GetValueOrDefault(x.Need!)?.Status == NeedStatus.Met ? (true, null, $"behovsområdet {x.Need} er dekket") : default;
            case SatisfactionFact.ProposalFromMember:
                var proposed = s.Proposals.Values
                    .Where(p => s.Members.GetValueOrDefault(p.AuthorId) is { Role: not MemberRole.Person })
                    .Select(p => NorwegianTime.DateOf(p.SubmittedAt))
                    .Where(d => d >= anchor.Date)
                    .Select(d => (DateOnly?)d)
                    .Min();
                return proposed is { } first ? (true, first, $"innspill fra ansvarsgruppen {CaseTimeline.Day(first)}") : default;
            case SatisfactionFact.CoordinatorOutsideCorrectional:
                var coordinator = s.Members.GetValueOrDefault(s.CoordinatorId);
                if (coordinator is null || coordinator.Agency is Agency.Prison or Agency.Friomsorg or Agency.Person)
                {
                    return default;
                }

                var handedOver = s.Handovers.Values
                    .Where(h => h.Subject == Responsibility.Coordinator && h.Status == HandoverStatus.Completed && h.AcceptedById == s.CoordinatorId)
                    .Select(h => (DateOnly?)NorwegianTime.DateOf(h.ClosedAt!.Value))
                    .Max();
                return (true, handedOver, $"koordinator er {coordinator.DisplayName} ({AgencyName(coordinator.Agency)})");
            case SatisfactionFact.ContactWithPersonInWindow:
                var talked = t.ContactsWithPerson().Where(d => d >= since && d <= today).Select(d => (DateOnly?)d).Min();
                return talked is { } on ? (true, on, $"samtale med personen {CaseTimeline.Day(on)}") : default;
            case SatisfactionFact.CoordinatorHandoverPlanned:
                return CoordinatorPlacement.Planned(s) is { } planned ? (true, null, planned) : default;
            default:
                return default;
        }
    }

    /// <summary>The agency that must see to <paramref name="rule"/>: the coordinator's when the coordinator does, else the rule's.</summary>
    public static Agency ResponsibleAgency(CaseState state, DeadlineRule rule)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rule);
        return rule.ByCoordinator && state.Members.GetValueOrDefault(state.CoordinatorId) is { Agency: not Agency.Person } coordinator
            ? coordinator.Agency
            : rule.Responsible;
    }

    /// <summary>The Norwegian name of an agency, as reasons use it.</summary>
    public static string AgencyName(Agency agency) => agency switch
    {
        Agency.Person => "personen selv",
        Agency.Prison => "fengselet",
        Agency.Friomsorg => "friomsorgen",
        Agency.Municipality => "kommunen",
        Agency.Nav => "NAV",
        Agency.Health => "helsetjenesten",
        Agency.School => "skolen",
        Agency.Ngo => "en frivillig organisasjon",
        _ => "annen instans",
    };

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
