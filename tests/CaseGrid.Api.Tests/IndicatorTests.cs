using System.Net;
using System.Net.Http.Json;

namespace CaseGrid.Api.Tests;

[Collection(SharedHost.Name)]
public sealed class IndicatorTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task UnitIndicators_CountTheUnitsCases_ForItsStaffOnly()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var handover = await world.OfferHousingAsync(caseId, world.MunicipalityId);
        using var accepted = await world.Caseworker.Http.PostAsync($"/api/v1/cases/{caseId}/handovers/{handover}/accept", null);
        await accepted.OkJsonAsync();

        using var forStaff = await world.Officer.Http.GetAsync($"/api/v1/units/{world.PrisonId}/indicators");
        using var forOutsider = await world.Outsider.Http.GetAsync($"/api/v1/units/{world.PrisonId}/indicators");
        using var national = await world.Outsider.Http.GetAsync("/api/v1/indicators");

        var report = await forStaff.OkJsonAsync();
        Assert.Equal(world.PrisonId, report.Str("scope"));
        Assert.Equal(1, report.Number("cases"));
        Assert.Equal(0, report.Number("releases"));
        Assert.NotNull(report["medianPartnerAnswerHours"]);
        await forOutsider.ProblemAsync(HttpStatusCode.Forbidden, "unit.not-staff");
        Assert.True((await national.OkJsonAsync()).Number("cases") >= 1);
    }
}
