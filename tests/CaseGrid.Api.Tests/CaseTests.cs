using System.Net;
using System.Net.Http.Json;

namespace CaseGrid.Api.Tests;

/// <summary>Opening a case and reading it back: now, at an earlier version, and as its event log.</summary>
[Collection(SharedHost.Name)]
public sealed class CaseTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task OpenCase_Returns201WithLocationAndVersion1_AndMakesTheCreatorCoordinator()
    {
        using var world = await TestWorld.CreateAsync(factory);

        using var response = await world.Officer.Http.PostAsJsonAsync("/api/v1/cases", world.OpenCaseBody());

        var body = await response.OkJsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, body.Number("version"));
        Assert.Equal(["case-opened"], body.EventTypes());
        var opened = body["events"]![0]!;
        var caseId = opened.Str("caseId")!;
        Assert.Equal(1, opened.Number("version"));
        Assert.Equal(world.Officer.Id, opened.Str("actorId"));
        Assert.Equal($"/api/v1/cases/{caseId}", response.Headers.Location?.OriginalString);
        Assert.Equal(world.Officer.Id, opened.Str("event.creator.userId"));

        var state = await world.CaseAsync(caseId);
        Assert.Equal(world.Officer.Id, state.Str("coordinatorId"));
        Assert.Equal("Kontaktbetjent", state.Str($"members.{world.Officer.Id}.role"));
        Assert.Equal("Prison", state.Str($"members.{world.Officer.Id}.agency"));
        Assert.Equal(world.PrisonId, state.Str($"members.{world.Officer.Id}.unitId"));
    }

    [Fact]
    public async Task OpenedCase_ReadsBack_WithItsEventsAfterVersion0()
    {
        using var world = await TestWorld.CreateAsync(factory);
        using var open = await world.Officer.Http.PostAsJsonAsync("/api/v1/cases", world.OpenCaseBody());
        var location = open.Headers.Location!.OriginalString;

        using var read = await world.Officer.Http.GetAsync(location);
        var state = await read.OkJsonAsync();
        var caseId = state.Str("caseId")!;
        using var eventsResponse = await world.Officer.Http.GetAsync($"{location}/events?after=0");
        var events = await eventsResponse.OkJsonAsync();

        Assert.Equal(location, $"/api/v1/cases/{caseId}");
        Assert.Equal(1, state.Number("version"));
        Assert.Equal("Serving", state.Str("phase"));
        Assert.Equal(world.PrisonId, state.Str("currentUnitId"));
        Assert.Equal(world.MunicipalityId, state.Str("home.registeredUnitId"));
        Assert.Equal("Ola Nordmann", state.Str("person.displayName"));
        Assert.Equal(Api.Today.AddDays(42).Iso(), state.Str("dates.expectedRelease"));
        Assert.Equal("NotAssessed", state.Str("needAreas.housing.status"));
        Assert.Equal(1, events.Number("currentVersion"));
        Assert.Equal(["case-opened"], events.EventTypes());
        Assert.Equal(caseId, events["events"]![0]!.Str("caseId"));
        Assert.Equal(world.Officer.Id, events["events"]![0]!.Str("actorId"));
    }

    [Fact]
    public async Task GetCase_AtAnEarlierVersion_ReturnsTheCaseAsItWasThen()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync(consent: false);
        var added = await world.AddMemberAsync(caseId, world.Colleague.Id, world.Colleague.Name, "Kontaktbetjent", "Prison", world.PrisonId);
        Assert.Equal(2, added.Number("version"));

        var before = await world.CaseAsync(caseId, atVersion: 1);
        var now = await world.CaseAsync(caseId);

        Assert.Equal(1, before.Number("version"));
        Assert.Equal([world.Officer.Id], before["members"]!.AsObject().Select(m => m.Key));
        Assert.Equal(2, now.Number("version"));
        Assert.Equal(world.Colleague.Id, now.Str($"members.{world.Colleague.Id}.userId"));
        Assert.Equal(2, now["members"]!.AsObject().Count);

        // A version the case never had is not found rather than guessed.
        using var future = await world.Officer.Http.GetAsync($"/api/v1/cases/{caseId}?atVersion=3");
        await future.ProblemAsync(HttpStatusCode.NotFound, "version.not-found");
    }
}
