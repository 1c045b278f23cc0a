using System.Net;
using System.Text.Json.Nodes;
using CaseGrid.Api.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CaseGrid.Api.Tests;

/// <summary>What the host shows before any case: authentication, health and the OpenAPI document.</summary>
[Collection(SharedHost.Name)]
public sealed class HostTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task Api_Returns401_WithoutToken()
    {
        using var client = factory.CreateClient();

        using var cases = await client.GetAsync($"/api/v1/cases/{Api.NewId("case")}");
        using var units = await client.GetAsync($"/api/v1/units/{Api.NewId("unit")}/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, cases.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, units.StatusCode);
    }

    [Fact]
    public void Silo_KeepsAHundredThousandGrainLocationsInItsDirectoryCache_NotOrleansMillion()
    {
        // Orleans allocates its directory caches in full when the silo starts (two dictionaries of 9 MB each at its
        // default of a million); CaseGrid's default is CaseGrid:Cluster:DirectoryCacheSize.
        var options = factory.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;

        Assert.Equal(new CaseGridClusterOptions().DirectoryCacheSize, options.CacheSize);
        Assert.Equal(100_000, options.CacheSize);
    }

    [Fact]
    public async Task HealthLive_Returns200()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthReady_Returns200_WhenOrleansAndPostgreSqlAnswer()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_ListsTheCasePlanHandoverAndUnitRoutes()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");
        var document = await response.OkJsonAsync();

        var paths = document["paths"]!.AsObject();
        string[] expected =
        [
            "/api/v1/cases",
            "/api/v1/cases/{caseId}",
            "/api/v1/cases/{caseId}/events",
            "/api/v1/cases/{caseId}/dates",
            "/api/v1/cases/{caseId}/members",
            "/api/v1/cases/{caseId}/members/{userId}/end",
            "/api/v1/cases/{caseId}/encounters",
            "/api/v1/cases/{caseId}/needs/{code}",
            "/api/v1/cases/{caseId}/needs/{code}/identify",
            "/api/v1/cases/{caseId}/handovers",
            "/api/v1/cases/{caseId}/handovers/{handoverId}/accept",
            "/api/v1/cases/{caseId}/handovers/{handoverId}/decline",
            "/api/v1/cases/{caseId}/handovers/{handoverId}/complete",
            "/api/v1/cases/{caseId}/responsibilities/{subject}/override",
            "/api/v1/units/{unitId}",
            "/api/v1/units/{unitId}/cases",
            "/api/v1/units/{unitId}/staff/{userId}",
        ];
        var missing = expected.Where(p => !paths.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, $"Missing from /openapi/v1.json: {string.Join(", ", missing)}. Listed: {string.Join(", ", paths.Select(p => p.Key))}");
        Assert.NotNull(paths["/api/v1/cases/{caseId}/needs/{code}"]!["put"]);
        Assert.NotNull(paths["/api/v1/cases/{caseId}/handovers/{handoverId}/complete"]!["post"]);
        Assert.NotNull(paths["/api/v1/units/{unitId}"]!["put"]);
    }
}
