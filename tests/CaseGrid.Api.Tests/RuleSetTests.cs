using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Rule sets are published, not edited in source (domain §7): a national administrator tries a new version in a dry run
/// over every case, sees how many cases and deadlines it changes, and publishes it with an effective date; the shipped
/// set says where its lead times come from. This host keeps its own service id, so what it publishes stays its own, and
/// it publishes only for later dates, so no case of another test recomputes.
/// </summary>
public sealed class RuleSetTests(RuleSetTests.Host host) : IClassFixture<RuleSetTests.Host>
{
    [Fact]
    public async Task TheShippedSet_IsInForce_AndSaysWhereItsLeadTimesComeFrom()
    {
        using var world = await TestWorld.CreateAsync(host.Factory);

        using var list = await world.Caseworker.Http.GetAsync("/api/v1/rule-sets");
        var sets = await list.OkJsonAsync();
        using var document = await world.Caseworker.Http.GetAsync("/api/v1/rule-sets/2026.2");
        var rules = await document.OkJsonAsync();
        using var unknown = await world.Caseworker.Http.GetAsync("/api/v1/rule-sets/1999.1");

        Assert.Equal("2026.2", sets.Str("inForce"));
        var shipped = sets["sets"]![0]!;
        Assert.Equal(("2026.2", "casegrid"), (shipped.Str("version"), shipped.Str("publishedById")));
        Assert.Contains("God Løsladelse", shipped.Str("origin"), StringComparison.Ordinal);
        Assert.Equal("2026.2", rules.Str("version"));
        Assert.Contains(rules["rules"]!.AsArray(), r => r!.Str("id") == "follow-up-month");
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "rules.not-found");
    }

    [Fact]
    public async Task OnlyANationalAdministrator_RunsDryRunsAndPublishes_AndADraftMustBeAValidNewSetFromToday()
    {
        using var world = await TestWorld.CreateAsync(host.Factory);
        var national = await world.UserAsync($"u-randi-{world.Suffix}", "Randi Fjeld", "casegrid-rules");

        using var byCaseworker = await world.Caseworker.Http.PostAsJsonAsync("/api/v1/rule-sets/dry-runs", Draft(await ShippedAsync(world), "2026.9-x", Api.Today.AddDays(30)));
        using var bySystemAdmin = await world.Admin.Http.PostAsJsonAsync("/api/v1/rule-sets", new { dryRunId = "dryrun-000000000000" });
        using var invalid = await national.Http.PostAsJsonAsync("/api/v1/rule-sets/dry-runs", new { document = new { rules = Array.Empty<object>() }, effectiveFrom = Api.Today.Iso() });
        using var past = await national.Http.PostAsJsonAsync("/api/v1/rule-sets/dry-runs", Draft(await ShippedAsync(world), "2026.9-y", Api.Today.AddDays(-1)));
        using var existing = await national.Http.PostAsJsonAsync("/api/v1/rule-sets/dry-runs", Draft(await ShippedAsync(world), "2026.2", Api.Today.AddDays(5)));
        using var unknown = await national.Http.PostAsJsonAsync("/api/v1/rule-sets", new { dryRunId = "dryrun-000000000000" });

        await byCaseworker.ProblemAsync(HttpStatusCode.Forbidden, "rules.not-national-admin");
        await bySystemAdmin.ProblemAsync(HttpStatusCode.Forbidden, "rules.not-national-admin");
        await invalid.ProblemAsync(HttpStatusCode.UnprocessableEntity, "rules.invalid");
        await past.ProblemAsync(HttpStatusCode.UnprocessableEntity, "rules.effective-in-past");
        await existing.ProblemAsync(HttpStatusCode.Conflict, "rules.version-exists");
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "rules.dry-run-not-found");
    }

    [Fact]
    public async Task ADryRun_CountsTheCasesAndDeadlinesItChanges_ThenTheDraftIsPublished_WithItsEffectiveDate()
    {
        using var world = await TestWorld.CreateAsync(host.Factory);
        var national = await world.UserAsync($"u-randi-{world.Suffix}", "Randi Fjeld", "casegrid-rules");
        await world.OpenCaseAsync();
        var version = $"2027.{world.Suffix[..6]}";
        var from = Api.Today.AddDays(30);

        // The needs conversation moves from a week to ten days after intake.
        var shipped = await ShippedAsync(world);
        var conversation = shipped["rules"]!.AsArray().Single(r => r!.Str("id") == "needs-conversation-1")!;
        conversation["offset"]!["amount"] = 10;

        using var started = await national.Http.PostAsJsonAsync("/api/v1/rule-sets/dry-runs", Draft(shipped, version, from, "Behovssamtale innen 10 dager."));
        var report = await started.OkJsonAsync(HttpStatusCode.Accepted);
        var dryRunId = report.Str("dryRunId")!;
        Assert.Equal(($"/api/v1/rule-sets/dry-runs/{dryRunId}", "2026.2"), (started.Headers.Location?.OriginalString, report.Str("comparedWith")));

        using var tooSoon = await national.Http.PostAsJsonAsync("/api/v1/rule-sets", new { dryRunId });
        if (tooSoon.StatusCode != HttpStatusCode.Created)
        {
            await tooSoon.ProblemAsync(HttpStatusCode.Conflict, "rules.dry-run-not-finished");
        }

        var finished = await Api.EventuallyAsync(
            async () =>
            {
                using var response = await national.Http.GetAsync($"/api/v1/rule-sets/dry-runs/{dryRunId}");
                return await response.OkJsonAsync();
            },
            r => r.Str("state") is "Finished" or "Published",
            "the dry run to finish",
            TimeSpan.FromMinutes(2));

        Assert.True(finished.Number("casesCompared") >= 1);
        Assert.Equal(finished.Number("cases"), finished.Number("casesCompared"));
        Assert.True(finished.Number("casesChanged") >= 1, finished.ToJsonString());
        Assert.True(finished["byRule"]!["needs-conversation-1"]!.GetValue<int>() >= 1, finished.ToJsonString());
        Assert.Null(finished["byRule"]!["intake-conversation"]);

        if (tooSoon.StatusCode != HttpStatusCode.Created)
        {
            using var publish = await national.Http.PostAsJsonAsync("/api/v1/rule-sets", new { dryRunId });
            var published = await publish.OkJsonAsync(HttpStatusCode.Created);
            Assert.Equal((version, from.Iso(), national.Id), (published.Str("version"), published.Str("effectiveFrom"), published.Str("publishedById")));
            Assert.Equal("Published", published.Str("dryRun.state"));
        }

        using var again = await national.Http.PostAsJsonAsync("/api/v1/rule-sets", new { dryRunId });
        await again.ProblemAsync(HttpStatusCode.Conflict, "rules.dry-run-not-finished");

        using var list = await world.Caseworker.Http.GetAsync("/api/v1/rule-sets");
        var sets = await list.OkJsonAsync();
        var entry = sets["sets"]!.AsArray().Single(s => s!.Str("version") == version)!;
        Assert.Equal((from.Iso(), "Behovssamtale innen 10 dager.", "Randi Fjeld"), (entry.Str("effectiveFrom"), entry.Str("note"), entry.Str("publishedByName")));
        Assert.Equal("2026.2", sets.Str("inForce"));
        using var document = await world.Caseworker.Http.GetAsync($"/api/v1/rule-sets/{version}");
        var rules = await document.OkJsonAsync();
        Assert.Equal(10, rules["rules"]!.AsArray().Single(r => r!.Str("id") == "needs-conversation-1")!["offset"]!["amount"]!.GetValue<int>());
    }

    private static async Task<JsonObject> ShippedAsync(TestWorld world)
    {
        using var response = await world.Caseworker.Http.GetAsync("/api/v1/rule-sets/2026.2");
        return await response.OkJsonAsync();
    }

    private static object Draft(JsonObject document, string version, DateOnly from, string? note = null)
    {
        document["version"] = version;
        return new { document, effectiveFrom = from.Iso(), note };
    }

    /// <summary>A host of its own: its own Orleans service, so the rule sets it publishes are stored apart from every other test's.</summary>
    public sealed class Host : IDisposable
    {
        public Host()
        {
            Factory = new CaseGridApiFactory();
            Factory.Settings["CaseGrid:Cluster:ServiceId"] = $"rule-set-tests-{Guid.NewGuid():N}";
        }

        public CaseGridApiFactory Factory { get; }

        public void Dispose() => Factory.Dispose();
    }
}
