using System.Net;
using System.Net.Http.Json;

namespace CaseGrid.Api.Tests;

/// <summary>The handover protocol end to end through HTTP (domain §6): offer → accept → overlap → complete.</summary>
[Collection(SharedHost.Name)]
public sealed class HandoverFlowTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task Housing_MovesToTheMunicipalReceiver_OnlyAfterAcceptanceAndOverlap_ThenTheFormerOwnerMayLeave()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var colleague = world.Colleague;
        var receiver = world.Caseworker;
        var beforeOffer = await world.CaseAsync(caseId);
        Assert.Equal(colleague.Id, beforeOffer.Str("needAreas.housing.accountableOwnerId"));
        Assert.Equal("NeedIdentified", beforeOffer.Str("needAreas.housing.status"));
        Assert.Null(beforeOffer.At($"members.{receiver.Id}"));

        // Offered by the owner to the municipality, from today.
        var handoverId = await world.OfferHousingAsync(caseId, world.MunicipalityId);

        // Municipal staff who are not yet members accept, and join the group as they do.
        using var accept = await receiver.Http.PostAsync($"/api/v1/cases/{caseId}/handovers/{handoverId}/accept", null);
        var accepted = await accept.OkJsonAsync();
        Assert.Equal(["member-added", "handover-accepted"], accepted.EventTypes());
        var afterAccept = await world.CaseAsync(caseId);
        Assert.Equal("MunicipalCaseworker", afterAccept.Str($"members.{receiver.Id}.role"));
        Assert.Equal(world.MunicipalityId, afterAccept.Str($"members.{receiver.Id}.unitId"));
        Assert.Equal("Accepted", afterAccept.Str($"handovers.{handoverId}.status"));
        Assert.Equal(receiver.Id, afterAccept.Str($"handovers.{handoverId}.acceptedById"));
        Assert.Equal(colleague.Id, afterAccept.Str("needAreas.housing.accountableOwnerId"));

        // While the handover is open the sender still holds housing and cannot be removed.
        using var endTooEarly = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/members/{colleague.Id}/end", new { until = (string?)null });
        await endTooEarly.ProblemAsync(HttpStatusCode.Conflict, "member.holds-responsibility");

        // No overlap yet: the receiver has not met the group or the person since accepting.
        using var completeTooEarly = await receiver.Http.PostAsync($"/api/v1/cases/{caseId}/handovers/{handoverId}/complete", null);
        await completeTooEarly.ProblemAsync(HttpStatusCode.Conflict, "handover.no-overlap");

        // A group meeting with the receiver present establishes the overlap.
        using var meeting = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/encounters", new
        {
            kind = "GroupMeeting",
            date = Api.Today.Iso(),
            attendees = new object[]
            {
                new { userId = world.Officer.Id, attendance = "Physical" },
                new { userId = colleague.Id, attendance = "Physical" },
                new { userId = receiver.Id, attendance = "Digital" },
                new { userId = world.PersonId, attendance = "Physical" },
            },
            summary = "Overføringsmøte: bolig.",
        });
        var met = await meeting.OkJsonAsync();
        Assert.Equal(["encounter-recorded", "overlap-established"], met.EventTypes());

        using var complete = await receiver.Http.PostAsync($"/api/v1/cases/{caseId}/handovers/{handoverId}/complete", null);
        var completed = await complete.OkJsonAsync();
        Assert.Equal(["handover-completed"], completed.EventTypes());
        Assert.Equal(receiver.Id, completed["events"]![0]!.Str("event.newOwnerId"));

        var afterComplete = await world.CaseAsync(caseId);
        Assert.Equal(receiver.Id, afterComplete.Str("needAreas.housing.accountableOwnerId"));
        Assert.Equal("Completed", afterComplete.Str($"handovers.{handoverId}.status"));

        // Released, the former owner may now leave the group.
        using var end = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/members/{colleague.Id}/end", new { until = (string?)null });
        var ended = await end.OkJsonAsync();
        Assert.Equal(["membership-ended"], ended.EventTypes());
        var final = await world.CaseAsync(caseId);
        Assert.Equal(Api.Today.Iso(), final.Str($"members.{colleague.Id}.until"));
        Assert.Equal(receiver.Id, final.Str("needAreas.housing.accountableOwnerId"));
    }
}
