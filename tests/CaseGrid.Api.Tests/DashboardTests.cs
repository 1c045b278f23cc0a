extern alias silo;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace CaseGrid.Api.Tests;

/// <summary>The Orleans dashboard at /dashboard on the silo host: operators only, and never the cases' own state.</summary>
[Collection(SharedHost.Name)]
public sealed class DashboardTests(CaseGridApiFactory factory)
{
    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/ClusterStats")]
    [InlineData("/dashboard/index.min.js")]
    public async Task OnlyOperators_GetIn_AnonymousIsUnauthorized_OthersForbidden(string path)
    {
        using var anonymous = factory.CreateClient();
        using var staff = await factory.ClientForAsync(Api.NewId("u-kari"), "Kari Nilsen");
        using var admin = await factory.ClientForAsync(Api.NewId("u-ada"), "Ada Admin", Api.AdminRole);
        using var operatorClient = await factory.ClientForAsync(Api.NewId("u-op"), "Oda Operatør", "operator");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task DemoOperator_SeesTheDashboard_AndItsFigures()
    {
        // The development issuer gives the demo operator the operator role without being asked.
        using var drift = await factory.ClientForAsync("u-drift", "Drift Operatør");

        using var page = await drift.GetAsync("/dashboard/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        using var script = await drift.GetAsync("/dashboard/index.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("index.min.js", html, StringComparison.Ordinal);

        // The figures are sampled every second: the silo shows up once the first sample is in.
        await Api.EventuallyAsync(
            async () =>
            {
                using var stats = await drift.GetAsync("/dashboard/DashboardCounters");
                Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
                return JsonNode.Parse(await stats.Content.ReadAsStringAsync())!;
            },
            counters => counters["totalActiveHostCount"]!.GetValue<int>() >= 1,
            "the dashboard counts this silo");
    }

    [Theory]
    [InlineData("/dashboard/GrainState")]
    [InlineData("/dashboard/GrainState/")]
    [InlineData("/dashboard/grainstate/")]
    [InlineData("/dashboard/GRAINSTATE")]
    [InlineData("/dashboard/Grain%53tate/")]
    [InlineData("/dashboard//GrainState/")]
    [InlineData("/Dashboard/GrainState/")]
    public async Task Operator_CannotReadGrainState_WhateverTheSpellingOfTheAddress(string path)
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync();
        using var operatorClient = await factory.ClientForAsync(Api.NewId("u-op"), "Oda Operatør", "operator");

        using var state = await operatorClient.GetAsync($"{path}?grainId={caseId}&grainType=CaseGrid.Grains.Cases.CaseGrain");
        var body = await state.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, state.StatusCode);
        Assert.DoesNotContain("Ola Nordmann", body, StringComparison.Ordinal);
        Assert.DoesNotContain(caseId, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrowserOpeningTheDashboardWithAToken_GetsItAsACookie_AndTheAddressWithoutIt()
    {
        var token = await factory.TokenAsync("u-drift", "Drift Operatør");
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var first = await browser.GetAsync($"/dashboard/?access_token={token}");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/dashboard/", first.Headers.Location?.OriginalString);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);

        // The dashboard's own script calls carry no header: the cookie lets them in, and only under /dashboard.
        using var stats = await browser.GetAsync("/dashboard/ClusterStats");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        using var api = await browser.GetAsync("/api/v1/indicators");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task TokenOfAUserWithoutTheRole_InTheAddress_SetsNoCookie()
    {
        var token = await factory.TokenAsync(Api.NewId("u-kari"), "Kari Nilsen");
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.GetAsync($"/dashboard/?access_token={token}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task TheDashboard_IsNotPartOfTheApiDocument()
    {
        using var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;

        Assert.DoesNotContain(document["paths"]!.AsObject(), p => p.Key.StartsWith("/dashboard", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Development", "false", false)]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Production", "true", true)]
    public void TheDashboard_RunsInDevelopment_AndElsewhereOnlyWhenConfigured(string environment, string? enabled, bool runs)
    {
        var settings = new Dictionary<string, string?>();
        if (enabled is not null)
        {
            settings[silo::CaseGrid.Silo.Operations.DashboardExtensions.EnabledKey] = enabled;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        Assert.Equal(runs, silo::CaseGrid.Silo.Operations.DashboardExtensions.IsEnabled(configuration, new HostingEnvironment { EnvironmentName = environment }));
    }
}
