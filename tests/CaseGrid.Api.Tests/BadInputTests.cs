using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Refusals: each answers with its precise status as <c>application/problem+json</c>, carries the domain's code
/// where the domain sets one, and leaves the case's event log exactly as it was.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class BadInputTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task UnknownCase_Returns404_AndIsNotCreatedByACommand()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = Api.NewId("case");

        using var read = await world.Officer.Http.GetAsync($"/api/v1/cases/{caseId}");
        using var command = await world.Officer.Http.PutAsJsonAsync($"/api/v1/cases/{caseId}/phase", new { phase = "Released" });
        using var events = await world.Officer.Http.GetAsync($"/api/v1/cases/{caseId}/events?after=0");

        await read.ProblemAsync(HttpStatusCode.NotFound, "case.not-found");
        await command.ProblemAsync(HttpStatusCode.NotFound, "case.not-found");
        await events.ProblemAsync(HttpStatusCode.NotFound, "case.not-found");
    }

    [Fact]
    public async Task UpdateNeed_WithStaleExpectedVersion_Returns409_WithTheCurrentVersionAndValue()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var seen = (await world.CaseAsync(caseId)).Number("needAreas.housing.version");
        using var first = await world.Colleague.Http.PutAsJsonAsync($"/api/v1/cases/{caseId}/needs/housing",
            new { expectedVersion = seen, ownWords = "Egen leilighet nær datteren min.", assessment = "Søknad sendt.", status = "InProgress" });
        var firstBody = await first.OkJsonAsync();
        var countBefore = await world.EventCountAsync(caseId);

        using var stale = await world.Officer.Http.PutAsJsonAsync($"/api/v1/cases/{caseId}/needs/housing",
            new { expectedVersion = seen, ownWords = "Noe annet.", assessment = "Overskriver.", status = "Met" });

        var problem = await stale.ProblemAsync(HttpStatusCode.Conflict, "version.stale");
        Assert.Equal(firstBody.Number("version"), problem.Number("currentVersion"));
        Assert.Equal("InProgress", problem.Str("current.status"));
        Assert.Equal("Søknad sendt.", problem.Str("current.assessment"));
        Assert.Equal(world.Colleague.Id, problem.Str("current.accountableOwnerId"));
        Assert.Equal(countBefore, await world.EventCountAsync(caseId));
        Assert.Equal("InProgress", (await world.CaseAsync(caseId)).Str("needAreas.housing.status"));
    }

    [Fact]
    public async Task CompleteHandover_Returns409_WhenTheReceiverHasNotAccepted()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var handoverId = await world.OfferHousingAsync(caseId, world.MunicipalityId);
        var countBefore = await world.EventCountAsync(caseId);

        using var response = await world.Colleague.Http.PostAsync($"/api/v1/cases/{caseId}/handovers/{handoverId}/complete", null);

        await response.ProblemAsync(HttpStatusCode.Conflict, "handover.not-accepted");
        Assert.Equal(countBefore, await world.EventCountAsync(caseId));
        var state = await world.CaseAsync(caseId);
        Assert.Equal("Offered", state.Str($"handovers.{handoverId}.status"));
        Assert.Equal(world.Colleague.Id, state.Str("needAreas.housing.accountableOwnerId"));
    }

    [Fact]
    public async Task EndMembership_Returns409_WhileTheMemberOwnsANeedArea()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var countBefore = await world.EventCountAsync(caseId);

        using var response = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/members/{world.Colleague.Id}/end", new { until = (string?)null });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, "member.holds-responsibility");
        Assert.Contains("housing", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(countBefore, await world.EventCountAsync(caseId));
        Assert.Null((await world.CaseAsync(caseId)).Str($"members.{world.Colleague.Id}.until"));
    }

    [Fact]
    public async Task SetKeyDates_Returns422_WhenTheDatesAreOutOfOrder()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync();
        var countBefore = await world.EventCountAsync(caseId);

        using var response = await world.Officer.Http.PutAsJsonAsync($"/api/v1/cases/{caseId}/dates", new
        {
            dates = new { sentenceStart = Api.Today.Iso(), expectedRelease = Api.Today.AddDays(-10).Iso() },
            expectedVersion = (long?)null,
        });

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "dates.out-of-order");
        Assert.Equal(countBefore, await world.EventCountAsync(caseId));
        Assert.Equal(Api.Today.AddDays(42).Iso(), (await world.CaseAsync(caseId)).Str("dates.expectedRelease"));
    }

    [Fact]
    public async Task MalformedJson_Returns400_BodyMalformed()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync();
        var countBefore = await world.EventCountAsync(caseId);
        using var body = new StringContent("{\"userId\": \"u-x\", \"displayName\": ", Encoding.UTF8, "application/json");

        using var response = await world.Officer.Http.PostAsync($"/api/v1/cases/{caseId}/members", body);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "body.malformed");
        Assert.Equal(countBefore, await world.EventCountAsync(caseId));
    }

    [Fact]
    public async Task BodyOver64KiB_Returns413()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync();
        var countBefore = await world.EventCountAsync(caseId);
        var tooLong = new string('x', (64 * 1024) + 1);
        var json = JsonSerializer.Serialize(new
        {
            kind = "ContactWithPerson",
            date = Api.Today.Iso(),
            attendees = new[] { new { userId = world.Officer.Id, attendance = "Physical" } },
            summary = tooLong,
        });
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        Assert.True(body.Headers.ContentLength > 64 * 1024);

        using var response = await world.Officer.Http.PostAsync($"/api/v1/cases/{caseId}/encounters", body);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(countBefore, await world.EventCountAsync(caseId));
    }

    [Fact]
    public async Task NonMember_Returns403_ForReadAndWrite()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync();
        var countBefore = await world.EventCountAsync(caseId);
        var outsider = world.Outsider.Http;

        using var read = await outsider.GetAsync($"/api/v1/cases/{caseId}");
        using var readEvents = await outsider.GetAsync($"/api/v1/cases/{caseId}/events?after=0");
        using var write = await outsider.PostAsJsonAsync($"/api/v1/cases/{caseId}/members",
            new { userId = world.Outsider.Id, displayName = world.Outsider.Name, role = "Other", agency = "Other", unitId = (string?)null, from = (string?)null });

        await read.ProblemAsync(HttpStatusCode.Forbidden, "case.not-member");
        await readEvents.ProblemAsync(HttpStatusCode.Forbidden, "case.not-member");
        await write.ProblemAsync(HttpStatusCode.Forbidden, "case.not-member");
        Assert.Equal(countBefore, await world.EventCountAsync(caseId));
        Assert.Null((await world.CaseAsync(caseId)).At($"members.{world.Outsider.Id}"));
    }

    [Fact]
    public async Task AcceptHandover_Returns403_ForStaffOfAnotherUnit()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var handoverId = await world.OfferHousingAsync(caseId, world.MunicipalityId);
        var countBefore = await world.EventCountAsync(caseId);

        using var response = await world.NavAdvisor.Http.PostAsync($"/api/v1/cases/{caseId}/handovers/{handoverId}/accept", null);

        await response.ProblemAsync(HttpStatusCode.Forbidden, "handover.not-receiving-unit");
        Assert.Equal(countBefore, await world.EventCountAsync(caseId));
        var state = await world.CaseAsync(caseId);
        Assert.Equal("Offered", state.Str($"handovers.{handoverId}.status"));
        Assert.Null(state.At($"members.{world.NavAdvisor.Id}"));
    }

    [Fact]
    public async Task DeclineHandover_Returns422_WithoutAReason()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var handoverId = await world.OfferHousingAsync(caseId, world.MunicipalityId);
        var countBefore = await world.EventCountAsync(caseId);

        using var response = await world.Caseworker.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/handovers/{handoverId}/decline", new { reason = " " });

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "handover.reason-required");
        Assert.Equal(countBefore, await world.EventCountAsync(caseId));
        Assert.Equal("Offered", (await world.CaseAsync(caseId)).Str($"handovers.{handoverId}.status"));
    }

    [Fact]
    public async Task LeaderOverride_Returns422_WithoutAReason_And200WithOne_MovingTheOwner()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var countBefore = await world.EventCountAsync(caseId);
        var path = $"/api/v1/cases/{caseId}/responsibilities/housing/override";

        using var withoutReason = await world.PrisonLeader.Http.PostAsJsonAsync(path, new { toUserId = world.Officer.Id, reason = "" });

        await withoutReason.ProblemAsync(HttpStatusCode.UnprocessableEntity, "override.reason-required");
        Assert.Equal(countBefore, await world.EventCountAsync(caseId));
        Assert.Equal(world.Colleague.Id, (await world.CaseAsync(caseId)).Str("needAreas.housing.accountableOwnerId"));

        using var withReason = await world.PrisonLeader.Http.PostAsJsonAsync(path, new { toUserId = world.Officer.Id, reason = "Per er sykmeldt i tre måneder." });

        var body = await withReason.OkJsonAsync();
        Assert.Equal(["responsibility-overridden"], body.EventTypes());
        Assert.Equal(world.PrisonLeader.Id, body["events"]![0]!.Str("actorId"));
        Assert.Equal("Per er sykmeldt i tre måneder.", body["events"]![0]!.Str("event.reason"));
        Assert.Equal(countBefore + 1, await world.EventCountAsync(caseId));
        Assert.Equal(world.Officer.Id, (await world.CaseAsync(caseId)).Str("needAreas.housing.accountableOwnerId"));
    }
}
