using System.Net;

namespace CaseGrid.Api.Tests;

[Collection(SharedHost.Name)]
public sealed class IndicatorTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task UnitIndicators_AreForItsStaff_AndNeverShowACountOfOneToFour()
    {
        using var world = await TestWorld.CreateAsync(factory);
        await world.OpenCaseAsync();

        using var forStaff = await world.Officer.Http.GetAsync($"/api/v1/units/{world.PrisonId}/indicators");
        using var forOutsider = await world.Outsider.Http.GetAsync($"/api/v1/units/{world.PrisonId}/indicators");

        var report = await forStaff.OkJsonAsync();
        Assert.Equal(world.PrisonId, report.Str("scope"));
        Assert.Null(report["cases"]);
        Assert.Equal(5, report.Number("suppressedBelow"));
        Assert.Contains("cases", report["suppressed"]!.AsArray().Select(s => s!.GetValue<string>()));
        await forOutsider.ProblemAsync(HttpStatusCode.Forbidden, "unit.not-staff");
    }

    [Fact]
    public async Task UnitIndicators_CountTheUnitsCases_OnceThereAreFive()
    {
        using var world = await TestWorld.CreateAsync(factory);
        for (var i = 0; i < 5; i++)
        {
            await world.OpenCaseAsync();
        }

        using var response = await world.Officer.Http.GetAsync($"/api/v1/units/{world.PrisonId}/indicators");

        var report = await response.OkJsonAsync();
        Assert.Equal(5, report.Number("cases"));
        Assert.Equal(0, report.Number("releases"));
        Assert.DoesNotContain("cases", report["suppressed"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task NationalIndicators_NeedTheStatisticsRole()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var statistician = await world.UserAsync(Api.NewId("u-stat"), "Stine Statistikk", "statistics");

        using var refused = await world.Officer.Http.GetAsync("/api/v1/indicators");
        using var admin = await world.Admin.Http.GetAsync("/api/v1/indicators");
        using var national = await statistician.Http.GetAsync("/api/v1/indicators");

        await refused.ProblemAsync(HttpStatusCode.Forbidden, "indicators.not-statistics");
        await admin.ProblemAsync(HttpStatusCode.Forbidden, "indicators.not-statistics");
        var report = await national.OkJsonAsync();
        Assert.Equal("national", report.Str("scope"));
        Assert.Equal(5, report.Number("suppressedBelow"));
    }
}
