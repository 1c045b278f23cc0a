using System.Text.Json.Nodes;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Time;
using CaseGrid.Domain;
using Xunit;
using static CaseGrid.Domain.Tests.Rules.Time.TimeCase;

namespace CaseGrid.Domain.Tests.Rules.Time;

/// <summary>The rules are data: another JSON gives other due dates, and every deadline says which version it came from.</summary>
public sealed class RuleSetVersionTests
{
    /// <summary>The shipped rule set with version 2026.2-test, needs conversation part 1 within 14 days and a 10-day inactivity limit.</summary>
    internal static DeadlineRuleSet Revised()
    {
        using var stream = typeof(DeadlineRuleSet).Assembly.GetManifestResourceStream("CaseGrid.Domain.deadline-rules.json")!;
        var json = JsonNode.Parse(stream)!.AsObject();
        json["version"] = "2026.2-test";
        json["inactivityDays"] = 10;
        var rule = json["rules"]!.AsArray().Single(r => (string?)r!["id"] == "needs-conversation-1")!;
        rule["offset"] = new JsonObject { ["amount"] = 14, ["unit"] = "days" };
        return DeadlineRuleSet.FromJson(json.ToJsonString());
    }

    [Fact]
    public void AnotherRuleSet_ChangesTheDueDates_AndEveryDeadlineCarriesItsVersion()
    {
        var shipped = Opened();
        var revised = Opened(rules: Revised());

        Assert.Equal(D("2026-03-09"), shipped.Deadline("needs-conversation-1").Due);
        Assert.Equal(D("2026-03-16"), revised.Deadline("needs-conversation-1").Due);
        Assert.Equal("Innkomst 2026-03-02 + 14 dager", revised.Deadline("needs-conversation-1").Reason);
        Assert.All(shipped.Deadlines(), d => Assert.Equal("2026.2", d.RuleSetVersion));
        Assert.All(revised.Deadlines(), d => Assert.Equal("2026.2-test", d.RuleSetVersion));
        Assert.Equal(shipped.Deadline("release-meeting").Due, revised.Deadline("release-meeting").Due);
    }

    [Fact]
    public void AMissedDeadline_IsRecordedWithTheVersionOfTheRuleSetThatComputedIt()
    {
        var scenario = Opened(rules: Revised());

        AssertFiresOnceAfter(scenario, "needs-conversation-1", D("2026-03-16"), Support.Cast.Prison);

        Assert.Equal("2026.2-test", scenario.Case.MissedDeadlines.Single(m => m.RuleId == "needs-conversation-1").RuleSetVersion);
    }

    [Fact]
    public void TheInactivityLimit_IsPartOfTheRuleSet()
    {
        Assert.Equal(10, Revised().InactivityDays);
        Assert.Equal(21, DeadlineRuleSet.Default.InactivityDays);
    }

    [Theory]
    [InlineData("""{ "version": "", "rules": [] }""", "no version")]
    [InlineData("""{ "version": "x", "rules": [ { "id": "a", "nameNb": "A", "nameEn": "A", "anchor": "intake", "offset": { "amount": 1, "unit": "days" }, "severity": "must", "responsible": "prison" }, { "id": "a", "nameNb": "A", "nameEn": "A", "anchor": "intake", "offset": { "amount": 1, "unit": "days" }, "severity": "must", "responsible": "prison" } ] }""", "appears twice")]
    [InlineData("""{ "version": "x", "rules": [ { "id": "a", "nameNb": "A", "nameEn": "A", "anchor": "milestone", "offset": { "amount": 1, "unit": "days" }, "severity": "must", "responsible": "prison" } ] }""", "anchorMilestone")]
    [InlineData("""{ "version": "x", "rules": [ { "id": "a", "nameNb": "A", "nameEn": "A", "anchor": "intake", "offset": { "amount": 1, "unit": "days" }, "satisfiedBy": [ { "fact": "memberJoined" } ], "severity": "must", "responsible": "prison" } ] }""", "memberJoined with its agency")]
    [InlineData("""{ "version": "x", "rules": [ { "id": "a", "nameNb": "A", "nameEn": "A", "anchor": "expectedRelease", "offset": { "amount": -4, "unit": "weeks" }, "window": { "amount": -2, "unit": "weeks" }, "severity": "must", "responsible": "prison" } ] }""", "window opens after")]
    public void AnInconsistentRuleSet_IsRefused(string json, string why)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DeadlineRuleSet.FromJson(json));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "version": "x", "rules": [], "dueSoon": 3 }""")]
    [InlineData("""{ "version": "x", "rules": [ { "id": "a", "nameNb": "A", "nameEn": "A", "anchor": "tomorrow", "offset": { "amount": 1, "unit": "days" }, "severity": "must", "responsible": "prison" } ] }""")]
    public void AMisspelledRuleSet_IsRefused(string json) =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => DeadlineRuleSet.FromJson(json));

    [Fact]
    public void ARuleSet_ReadFromItsOwnShape_KeepsEveryRule()
    {
        var rules = DeadlineRuleSet.FromJson("""
            {
              "version": "local-1",
              "dueSoonDays": 3,
              "rules": [
                { "id": "visit", "nameNb": "Besøk", "nameEn": "Visit", "anchor": "release", "offset": { "amount": 2, "unit": "workingDays" },
                  "satisfiedBy": [ { "milestone": "releaseMeeting" } ], "severity": "should", "responsible": "municipality", "source": "lokal rutine" }
              ]
            }
            """);

        var deadline = Assert.Single(Opened(rules: rules).Deadlines());
        Assert.Equal(("visit", "local-1", D("2026-07-08"), DeadlineSeverity.Should), (deadline.RuleId, deadline.RuleSetVersion, deadline.Due, deadline.Severity));
        Assert.Equal(3, rules.DueSoonDays);
        Assert.Equal(Enum.GetValues<CasePhase>().Length - 1, rules.Find("visit")!.ActiveIn.Length);
    }
}
