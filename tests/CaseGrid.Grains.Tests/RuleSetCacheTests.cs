using CaseGrid.Contracts.RuleSets;
using CaseGrid.Grains.RuleSets;
using Xunit;

namespace CaseGrid.Grains.Tests;

/// <summary>Which rule set is in force on a day: the shipped one until a published one takes effect, then the latest to have.</summary>
public sealed class RuleSetCacheTests
{
    private static readonly DateOnly Day = new(2026, 9, 1);

    private static PublishedRuleSet Published(string version, DateOnly from) => new(
        version, from, DeadlineRuleSet.Default.Json!.Replace("\"version\": \"2026.2\"", $"\"version\": \"{version}\"", StringComparison.Ordinal),
        "", "u-randi", "Randi Fjeld", DateTimeOffset.UnixEpoch, null, "dryrun-1");

    [Fact]
    public void TheShippedSet_IsInForce_UntilAPublishedOneTakesEffect_ThenTheLatestToHave()
    {
        using var cache = new RuleSetCache(DeadlineRuleSet.Default, TimeProvider.System);
        cache.Apply(new RuleSetCatalogue(3, [Published("2026.3", Day), Published("2026.4", Day.AddDays(30)), Published("2026.3b", Day)]));

        Assert.Equal("2026.2", cache.InForce(Day.AddDays(-1)).Version);
        Assert.Equal("2026.3b", cache.InForce(Day).Version);
        Assert.Equal("2026.3b", cache.InForce(Day.AddDays(29)).Version);
        Assert.Equal("2026.4", cache.InForce(Day.AddDays(30)).Version);
        Assert.Equal(3, cache.Revision);
    }

    [Fact]
    public void ADocument_IsParsedOnce_AndAnInvalidOneRefused()
    {
        using var cache = new RuleSetCache(DeadlineRuleSet.Default, TimeProvider.System);

        Assert.Same(cache.Parse(DeadlineRuleSet.Default.Json!), cache.Parse(DeadlineRuleSet.Default.Json!));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => cache.Parse("""{ "version": "x", "unknown": 1 }"""));
        Assert.Throws<InvalidOperationException>(() => cache.Parse("""{ "version": " ", "rules": [] }"""));
    }
}
