using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Handovers;
using CaseGrid.Contracts.Indicators;
using CaseGrid.Contracts.Plan;

namespace CaseGrid.Domain.Indicators;

/// <summary>
/// Computes the indicators of domain §12 from case event logs. Each log is replayed once; what the indicators
/// need is read off the case as it stood at each moment (at release for "in place at release").
/// </summary>
public static class IndicatorCalculator
{
    /// <summary>What one case contributes to the indicators.</summary>
    public sealed record CaseFacts(
        string CaseId,
        ImmutableHashSet<string> Units,
        bool Released,
        bool HousingInPlace,
        bool IncomeInPlace,
        bool ActivityInPlace,
        ImmutableArray<double> HandoverLeadDays,
        ImmutableArray<double> PartnerAnswerHours,
        int CoordinatorChanges,
        ImmutableArray<AgreementAnswer> LatestAnswers);

    /// <summary>Replay one case's log and collect its facts; null for an empty log.</summary>
    public static CaseFacts? Analyse(IReadOnlyList<CaseEventRecord> log)
    {
        CaseState? state = null;
        CaseState? atRelease = null;
        DateOnly releasedOn = default;
        var answerHours = ImmutableArray.CreateBuilder<double>();
        var coordinatorChanges = 0;
        var answers = new SortedDictionary<long, AgreementAnswer>();
        foreach (var record in log)
        {
            var before = state;
            state = CaseEvolver.Apply(state, record);
            switch (record.Event)
            {
                case PhaseChanged { Phase: CasePhase.Released } when atRelease is null:
                    atRelease = state;
                    releasedOn = NorwegianTime.DateOf(record.OccurredAt);
                    break;
                case HandoverAccepted a:
                    answerHours.Add((record.OccurredAt - before!.Handovers[a.HandoverId].OfferedAt).TotalHours);
                    break;
                case HandoverDeclined d:
                    answerHours.Add((record.OccurredAt - before!.Handovers[d.HandoverId].OfferedAt).TotalHours);
                    break;
                case HandoverCompleted c when before!.Handovers[c.HandoverId].Subject == Responsibility.Coordinator:
                case ResponsibilityOverridden { Subject: Responsibility.Coordinator }:
                    coordinatorChanges++;
                    break;
                case AgreementRecorded r:
                    answers[r.PlanVersion] = r.Answer;
                    break;
            }
        }

        if (state is null)
        {
            return null;
        }

        var scope = atRelease ?? state;
        var units = new[] { scope.CurrentUnitId, scope.Home.RegisteredUnitId, scope.Home.IntendedUnitId }.OfType<string>().ToImmutableHashSet(StringComparer.Ordinal);
        var leadDays = atRelease is null
            ? []
            : atRelease.Handovers.Values
                .Where(h => h.Status == HandoverStatus.Completed && h.Subject != Responsibility.Coordinator && h.ClosedAt is not null)
                .Select(h => (double)(releasedOn.DayNumber - NorwegianTime.DateOf(h.ClosedAt!.Value).DayNumber))
                .ToImmutableArray();
        return new CaseFacts(
            state.CaseId,
            units,
            atRelease is not null,
            atRelease is not null && InPlace(atRelease, "housing"),
            atRelease is not null && InPlace(atRelease, "income-debt"),
            atRelease is not null && (InPlace(atRelease, "work") || InPlace(atRelease, "education")),
            leadDays,
            answerHours.ToImmutable(),
            coordinatorChanges,
            [.. answers.Values]);
    }

    /// <summary>Counts from 1 up to this (exclusive) are never shown (small-number suppression).</summary>
    public const int SmallNumberThreshold = 5;

    /// <summary>
    /// The report over the given cases, with every figure that rests on one to four cases left out: counts of 1–4, shares
    /// with 1–4 on either side (seven of eight tells that one was not), medians and averages over fewer than five.
    /// </summary>
    public static IndicatorReport Report(string scope, DateTimeOffset now, IReadOnlyCollection<CaseFacts> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var suppressed = ImmutableArray.CreateBuilder<string>();
        bool Hidden(string name, bool small)
        {
            if (small)
            {
                suppressed.Add(name);
            }

            return small;
        }

        int? Count(string name, int n) => Hidden(name, Small(n)) ? null : n;
        Ratio? Share(string name, int count, int of) => Hidden(name, Small(count) || Small(of) || Small(of - count)) ? null : new Ratio(count, of);
        double? Over(string name, IReadOnlyCollection<double> values, Func<IReadOnlyCollection<double>, double?> figure) =>
            values.Count == 0 || Hidden(name, Small(values.Count)) ? null : figure(values);

        var released = cases.Where(c => c.Released).ToList();
        var answers = cases.SelectMany(c => c.LatestAnswers).ToList();
        var report = new IndicatorReport(
            scope,
            now,
            Count("cases", cases.Count),
            Count("releases", released.Count),
            Share("housingAtRelease", released.Count(c => c.HousingInPlace), released.Count),
            Share("incomeAtRelease", released.Count(c => c.IncomeInPlace), released.Count),
            Share("activityAtRelease", released.Count(c => c.ActivityInPlace), released.Count),
            Over("medianHandoverLeadDays", [.. released.SelectMany(c => c.HandoverLeadDays)], Median),
            Over("medianPartnerAnswerHours", [.. cases.SelectMany(c => c.PartnerAnswerHours)], Median),
            Over("contactPersonChangesPerCase", [.. cases.Select(c => (double)c.CoordinatorChanges)], values => values.Average()),
            Share("personAgreed", answers.Count(a => a == AgreementAnswer.Agree), answers.Count),
            SmallNumberThreshold,
            []);
        return report with { Suppressed = suppressed.ToImmutable() };
    }

    /// <summary>1 to 4: too few to show.</summary>
    private static bool Small(int n) => n is > 0 and < SmallNumberThreshold;

    /// <summary>
    /// A need area is in place at release when it is identified, owned by someone outside the prison, and in
    /// progress or met.
    /// </summary>
    private static bool InPlace(CaseState s, string code) =>
        s.NeedAreas.TryGetValue(code, out var need)
        && need.Status is NeedStatus.InProgress or NeedStatus.Met
        && need.AccountableOwnerId is { } owner
        && s.Members.TryGetValue(owner, out var member)
        && member.Agency != Agency.Prison;

    private static double? Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
