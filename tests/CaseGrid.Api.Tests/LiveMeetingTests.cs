using System.Net.Http.Json;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Groups;
using CaseGrid.Contracts.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace CaseGrid.Api.Tests;

/// <summary>A hybrid meeting, live: one member in the room on host A, one remote on host B.</summary>
[Collection(TwoHostsGroup.Name)]
public sealed class LiveMeetingTests(TwoHosts hosts)
{
    [Fact]
    public async Task HybridMeeting_CoEditsMinutesUnderALock_TurnsDecisionsIntoMeasures_AndItsAgendaListsTheChanges()
    {
        var world = await TestWorld.CreateAsync(hosts.A);
        var caseId = await world.OpenCaseAsync();
        await world.AddMemberAsync(caseId, world.Caseworker.Id, world.Caseworker.Name, "MunicipalCaseworker", "Municipality", world.MunicipalityId);
        using var identify = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/needs/housing/identify", new { ownerId = world.Officer.Id });
        identify.EnsureSuccessStatusCode();
        await using var kari = await LiveClient.ConnectAsync(hosts.ServerA, await hosts.A.TokenAsync(world.Officer.Id, world.Officer.Name));
        await using var ingrid = await LiveClient.ConnectAsync(hosts.ServerB, await hosts.A.TokenAsync(world.Caseworker.Id, world.Caseworker.Name));
        await kari.JoinCaseAsync(caseId);
        await ingrid.JoinCaseAsync(caseId);

        var scheduled = await kari.ExecuteAsync(caseId, new ScheduleMeeting(DateTimeOffset.UtcNow, "Ansvarsgruppemøte"));
        var meetingId = ((MeetingScheduled)scheduled.Events.Single().Event).MeetingId;
        await Must(kari.ExecuteAsync(caseId, new OpenMeeting(meetingId)));
        await Must(kari.ExecuteAsync(caseId, new RecordAttendance(meetingId, world.Officer.Id, Attendance.Physical)));
        await Must(ingrid.ExecuteAsync(caseId, new RecordAttendance(meetingId, world.Caseworker.Id, Attendance.Digital)));

        var minutesField = $"meeting:{meetingId}:minutes";
        var locked = await kari.Connection.InvokeAsync<FieldLockResult>("LockField", caseId, minutesField);
        var meeting = (await world.CaseAsync(caseId))["meetings"]![meetingId]!;
        var minutesVersion = meeting.Number("minutesVersion");
        var blocked = await ingrid.ExecuteAsync(caseId, new EditMinutes(meetingId, minutesVersion, "Ingrid skriver"));
        var written = await kari.ExecuteAsync(caseId, new EditMinutes(meetingId, minutesVersion, "Bolig: søknad sendes denne uka."));
        await kari.Connection.InvokeAsync("ReleaseField", caseId, minutesField);
        var decided = await ingrid.ExecuteAsync(caseId, new RecordDecision(meetingId, "Søknad om kommunal bolig sendes", ["housing"], world.Caseworker.Id, Api.Today.AddDays(7)));
        await Must(kari.ExecuteAsync(caseId, new ScheduleMeeting(DateTimeOffset.UtcNow.AddDays(14), "Neste ansvarsgruppemøte")));
        var closed = await kari.ExecuteAsync(caseId, new CloseMeeting(meetingId));
        Assert.Null(closed.Error);
        await ingrid.WaitForVersionAsync(caseId, closed.Version);

        Assert.True(locked.Granted);
        Assert.Equal("field.locked", blocked.Error?.Code);
        Assert.Null(written.Error);
        Assert.Null(decided.Error);
        var measure = Assert.Single(decided.Events.Select(e => e.Event).OfType<MeasureAdded>());
        Assert.Equal(world.Caseworker.Id, measure.OwnerId);
        Assert.Contains(ingrid.EventsOf(caseId), e => e.Event is EncounterRecorded { Encounter.Kind: EncounterKind.GroupMeeting });
        Assert.Equal(kari.EventsOf(caseId).Select(e => e.Version), ingrid.EventsOf(caseId).Select(e => e.Version));

        using var agendaResponse = await world.Officer.Http.GetAsync($"/api/v1/cases/{caseId}/meetings/{meetingId}/agenda");
        var agenda = await agendaResponse.OkJsonAsync();
        Assert.Equal(0, agenda.Number("fromVersion"));
        Assert.NotEmpty(agenda["items"]!.AsArray());
    }

    private static async Task Must(Task<Realtime.CommandOutcome> command)
    {
        var outcome = await command;
        Assert.True(outcome.Error is null, $"{outcome.Error?.Code}: {outcome.Error?.Detail}");
    }
}
