using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using CaseGrid.Domain;
using Xunit;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>Cases with dates chosen so every default deadline lies ahead of the scenario's start (Monday 2 March 2026).</summary>
internal static class TimeCase
{
    public static readonly DateOnly Intake = D("2026-03-02");
    public static readonly DateOnly TwoThirds = D("2026-07-06");
    public static readonly DateOnly EndOfSentence = D("2026-09-04");

    /// <summary>A six-month sentence: intake today, release on the 2/3 date in July, supervision to the end of the sentence.</summary>
    public static KeyDates Short { get; } = new(Intake, TwoThirds, TwoThirds, EndOfSentence, EndOfSentence);

    /// <summary>A three-year sentence with release in two years.</summary>
    public static KeyDates Long { get; } = new(Intake, D("2028-03-01"), D("2028-03-01"), D("2029-03-01"), D("2029-03-01"));

    public static CaseScenario Opened(KeyDates? dates = null, DeadlineRuleSet? rules = null) => CaseScenario.Opened(dates ?? Short, rules: rules);

    /// <summary>The shipped rule set without <paramref name="ruleIds"/>, for a test about what the others do.</summary>
    public static DeadlineRuleSet RulesWithout(params string[] ruleIds)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(DeadlineRuleSet.Default.Json!)!;
        var rules = json["rules"]!.AsArray();
        foreach (var rule in rules.Where(r => ruleIds.Contains(r!["id"]!.GetValue<string>())).ToList())
        {
            rules.Remove(rule);
        }

        return DeadlineRuleSet.FromJson(json.ToJsonString());
    }

    /// <summary>The shipped rule set without the recurring conversation with the person, whose deadline comes round every two weeks.</summary>
    public static DeadlineRuleSet WithoutConversations { get; } = RulesWithout("conversation-with-person");

    public static DateOnly D(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The missed-deadline events of <paramref name="ruleId"/> among <paramref name="events"/>.</summary>
    public static ImmutableArray<DeadlineMissed> Missed(ImmutableArray<CaseEvent> events, string ruleId) =>
        [.. events.OfType<DeadlineMissed>().Where(m => m.RuleId == ruleId)];

    /// <summary>
    /// The deadline of <paramref name="ruleId"/> is <paramref name="due"/>: still not missed when the clock is on the due
    /// day, recorded missed exactly once the day after (escalated when a must), and never again.
    /// </summary>
    public static void AssertFiresOnceAfter(CaseScenario scenario, string ruleId, DateOnly due, string? escalatedTo = null)
    {
        scenario.AdvanceTo(due);
        Assert.Equal(DeadlineStatus.DueSoon, scenario.Deadline(ruleId).Status);
        Assert.Empty(Missed(scenario.Tick(), ruleId));

        scenario.AdvanceTo(due.AddDays(1));
        Assert.Equal(DeadlineStatus.Overdue, scenario.Deadline(ruleId).Status);
        var events = scenario.Tick();
        var missed = Assert.Single(Missed(events, ruleId));
        Assert.Equal(new DeadlineMissed(ruleId, scenario.Rules.Version, due), missed);
        var escalation = events.OfType<EscalationRaised>().SingleOrDefault(e => e.Subject == $"deadline:{ruleId}");
        if (scenario.Rules.Find(ruleId)!.Severity == DeadlineSeverity.Must)
        {
            Assert.NotNull(escalation);
            Assert.Equal(escalatedTo, escalation.UnitId);
        }
        else
        {
            Assert.Null(escalation);
        }

        Assert.Contains(scenario.Case.MissedDeadlines, m => m.RuleId == ruleId && m.Due == due);
        Assert.Empty(Missed(scenario.Tick(), ruleId));
        scenario.AdvanceDays(3);
        Assert.Empty(Missed(scenario.Tick(), ruleId));
        Assert.Equal(DeadlineStatus.Overdue, scenario.Deadline(ruleId).Status);
    }
}
