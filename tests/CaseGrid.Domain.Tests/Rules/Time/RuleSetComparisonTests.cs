using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain.Tests.Support;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>
/// Domain §7: a rule set is published after a dry run that shows how many cases and deadlines it changes. The comparison
/// computes a case's deadlines on one day under the set in force and under the candidate, rule by rule.
/// </summary>
public sealed class RuleSetComparisonTests
{
    private static DeadlineRuleSet Changed(string version, Func<string, string> edit) =>
        DeadlineRuleSet.FromJson(edit(DeadlineRuleSet.Default.Json!).Replace("\"version\": \"2026.2\"", $"\"version\": \"{version}\"", StringComparison.Ordinal));

    [Fact]
    public void TheSameRules_UnderAnotherVersion_ChangeNothing()
    {
        var scenario = Opened();

        Assert.Empty(RuleSetComparison.Compare(scenario.Case, DeadlineRuleSet.Default, Changed("2026.3", json => json), scenario.Today));
    }

    [Fact]
    public void AMovedLeadTime_ChangesTheDeadlinesItMoves_AndNoOthers()
    {
        var scenario = Opened();
        var tenDays = Changed("2026.3", json => json.Replace(
            "\"id\": \"needs-conversation-1\",\n      \"nameNb\": \"Behovssamtale del 1\",\n      \"nameEn\": \"Needs conversation part 1\",\n      \"anchor\": \"intake\",\n      \"offset\": {\n        \"amount\": 7,",
            "\"id\": \"needs-conversation-1\",\n      \"nameNb\": \"Behovssamtale del 1\",\n      \"nameEn\": \"Needs conversation part 1\",\n      \"anchor\": \"intake\",\n      \"offset\": {\n        \"amount\": 10,",
            StringComparison.Ordinal));

        var change = Assert.Single(RuleSetComparison.Compare(scenario.Case, DeadlineRuleSet.Default, tenDays, scenario.Today));

        Assert.Equal("needs-conversation-1", change.RuleId);
        Assert.Equal((D("2026-03-09"), D("2026-03-12")), (change.Before!.Due, change.After!.Due));
        Assert.Equal("2026.3", change.After.RuleSetVersion);
    }

    [Fact]
    public void ARuleAddedOrRemoved_IsAChange_WhenItApplies()
    {
        var scenario = Opened();

        var changes = RuleSetComparison.Compare(scenario.Case, DeadlineRuleSet.Default, RulesWithout("exit-conversation", "follow-up-week"), scenario.Today);

        // The exit conversation applies to this case now; the first week's follow-up does not until release.
        var change = Assert.Single(changes);
        Assert.Equal(("exit-conversation", (Deadline?)null), (change.RuleId, change.After));
    }

    [Fact]
    public void AClosedCase_HasNoDeadlinesToChange()
    {
        var scenario = CaseScenario.Opened(phase: CasePhase.Released);
        scenario.Accepts(Cast.Kontaktbetjent, new ChangePhase(CasePhase.Closed));

        Assert.Empty(RuleSetComparison.Compare(scenario.Case, DeadlineRuleSet.Default, RulesWithout("exit-conversation"), scenario.Today));
    }
}
