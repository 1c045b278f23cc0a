using System.Net;
using System.Net.Http.Json;

namespace CaseGrid.Api.Tests;

/// <summary>
/// The rules a real release needs, through HTTP: parole is a release and the gate refuses it with a problem naming each
/// thing missing (code and Norwegian reason); exceptions by code let it through; the time view shows the gate and the
/// applications against their lead times; a meeting goes from invitation to minutes sent; a proposal carries its answer
/// date and who answered.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class ReleaseRulesTests(CaseGridApiFactory factory)
{
    private static readonly string[] Housing = ["housing"];

    [Fact]
    public async Task Parole_IsRefusedByTheGate_WithEachItemInTheProblem_AndGoesThroughWithExceptions()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var path = $"/api/v1/cases/{caseId}";

        using var refused = await world.Officer.Http.PutAsJsonAsync($"{path}/phase", new { phase = "Community", form = "Parole" });
        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict, "release.not-ready");
        var items = problem["current"]!.AsArray().Select(i => (i!.Str("code"), i!.Str("reason"))).ToList();
        Assert.Contains(items, i => i.Item1 == "housing" && i.Item2!.StartsWith("Bolig: ikke på plass – ikke sikret på løslatelsesdagen", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Item1 == "coordinator");
        Assert.Contains(items, i => i.Item1 == "exit-conversation");

        using var time = await world.Officer.Http.GetAsync($"{path}/time");
        var view = await time.OkJsonAsync();
        Assert.Contains(view["releaseGate"]!.AsArray(), i => i!.Str("code") == "coordinator");

        foreach (var code in items.Select(i => i.Item1))
        {
            using var exception = await world.PrisonLeader.Http.PostAsJsonAsync($"{path}/release-exceptions", new { code, reason = "Retten løslot ham i dag; nødbolig og møte på NAV i morgen" });
            await exception.OkJsonAsync();
        }

        using var released = await world.Officer.Http.PutAsJsonAsync($"{path}/phase", new { phase = "Community", form = "Parole" });
        var body = await released.OkJsonAsync();
        Assert.Equal("phase-changed", body.EventTypes()[0]);
        var after = await world.CaseAsync(caseId);
        Assert.Equal(("Community", "Parole", Api.Today.Iso()), (after.Str("phase"), after.Str("releaseForm"), after.Str("releasedOn")));

        // The prison's owners can no longer act now the person is out: flagged, and counted on the board.
        Assert.Equal("PersonLeftPrison", after.Str("orphans.housing.cause"));
        var line = await Api.EventuallyAsync(
            async () =>
            {
                using var board = await world.Officer.Http.GetAsync($"/api/v1/units/{world.PrisonId}/cases");
                return (await board.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonArray>())!.FirstOrDefault(c => c!.Str("caseId") == caseId);
            },
            c => c is not null && c.Number("orphanedResponsibilities") >= 1,
            "the orphaned responsibilities on the prison's board");
        Assert.Equal("Parole", line!.Str("releaseForm"));
    }

    [Fact]
    public async Task AMeeting_GoesFromInvitationToMinutesSentToTheMembersAndThePerson()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var path = $"/api/v1/cases/{caseId}";
        var officer = world.Officer.Http;

        using var scheduled = await officer.PostAsJsonAsync($"{path}/meetings", new
        {
            scheduledFor = DateTimeOffset.UtcNow.AddMinutes(5), title = "Ansvarsgruppemøte", invitees = new[] { world.Colleague.Id },
            place = "Besøksrommet", videoLink = "https://video.example.no/ola", chairId = world.PersonId,
        });
        var meetingId = (await scheduled.OkJsonAsync())["events"]![0]!.Str("event.meetingId")!;
        using var next = await officer.PostAsJsonAsync($"{path}/meetings", new { scheduledFor = DateTimeOffset.UtcNow.AddDays(21), title = "Neste møte" });
        await next.OkJsonAsync();
        using var noPlace = await officer.PutAsJsonAsync($"{path}/meetings/{meetingId}/invitation", new { invitees = Array.Empty<string>(), place = (string?)null, videoLink = (string?)null, chairId = (string?)null });
        await noPlace.ProblemAsync(HttpStatusCode.UnprocessableEntity, "meeting.place-required");
        using var apology = await world.Colleague.Http.PostAsJsonAsync($"{path}/meetings/{meetingId}/apologies", new { userId = world.Colleague.Id });
        await apology.OkJsonAsync();
        using var open = await officer.PostAsync($"{path}/meetings/{meetingId}/open", null);
        await open.OkJsonAsync();
        using var attend = await officer.PutAsJsonAsync($"{path}/meetings/{meetingId}/attendance/{world.Officer.Id}", new { attendance = "Physical" });
        await attend.OkJsonAsync();
        using var guest = await officer.PostAsJsonAsync($"{path}/meetings/{meetingId}/guests", new { name = "Amina Yusuf", role = "Interpreter" });
        await guest.OkJsonAsync();
        using var close = await officer.PostAsync($"{path}/meetings/{meetingId}/close", null);
        await close.OkJsonAsync();
        var minutesVersion = (await world.CaseAsync(caseId)).Number($"meetings.{meetingId}.minutesVersion");
        using var minutes = await officer.PutAsJsonAsync($"{path}/meetings/{meetingId}/minutes", new { expectedVersion = minutesVersion, text = "Bolig: søknad sendt. Neste møte om tre uker." });
        await minutes.OkJsonAsync();
        using var notChair = await world.Colleague.Http.PostAsync($"{path}/meetings/{meetingId}/minutes/approve", null);
        await notChair.ProblemAsync(HttpStatusCode.Forbidden, "meeting.not-chair");
        using var approve = await officer.PostAsync($"{path}/meetings/{meetingId}/minutes/approve", null);
        var approved = await approve.OkJsonAsync();

        Assert.Equal(["minutes-approved"], approved.EventTypes());
        var meeting = (await world.CaseAsync(caseId))["meetings"]![meetingId]!;
        Assert.Equal([world.Colleague.Id, world.PersonId], meeting["invitees"]!.AsArray().Select(i => i!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(("Besøksrommet", world.PersonId, "Amina Yusuf"), (meeting.Str("place"), meeting.Str("chairId"), meeting["guests"]![0]!.Str("name")));
        Assert.Equal([world.Colleague.Id], meeting["apologies"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray());
        Assert.Contains(world.PersonId, meeting["minutesSentTo"]!.AsArray().Select(a => a!.GetValue<string>()));
        using var agenda = await officer.GetAsync($"{path}/meetings/{meetingId}/agenda");
        var standing = (await agenda.OkJsonAsync())["standing"]!.AsArray();
        Assert.Equal("person-round,next-meeting", string.Join(',', standing.Select(i => i!.Str("code"))));
    }

    [Fact]
    public async Task AnApplication_IsRecordedStepByStep_AndTheTimeViewWeighsItAgainstTheRelease()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var path = $"/api/v1/cases/{caseId}";
        using var added = await world.Colleague.Http.PostAsJsonAsync($"{path}/measures", new { needCodes = Housing, what = "Søknad om kommunal bolig", ownerId = world.Colleague.Id });
        var measureId = (await added.OkJsonAsync())["events"]![0]!.Str("event.measureId")!;

        using var outOfOrder = await world.Colleague.Http.PostAsJsonAsync($"{path}/measures/{measureId}/application", new { step = "Granted", date = Api.Today.Iso(), kind = "Housing" });
        await outOfOrder.ProblemAsync(HttpStatusCode.Conflict, "application.invalid-step");
        using var applied = await world.Colleague.Http.PostAsJsonAsync($"{path}/measures/{measureId}/application", new { step = "Applied", date = Api.Today.Iso(), kind = "Housing", partner = "Testkommune, boligkontoret" });
        await applied.OkJsonAsync();

        using var time = await world.Officer.Http.GetAsync($"{path}/time");
        var outlook = (await time.OkJsonAsync())["applications"]!.AsArray().Single()!;

        // Housing takes eight weeks; the person is out in six: the decision cannot come first.
        Assert.Equal(("Housing", "Applied", "Red"), (outlook.Str("kind"), outlook.Str("step"), outlook.Str("colour")));
        Assert.Equal(Api.Today.AddDays(56).Iso(), outlook.Str("expectedDecision"));
        Assert.Contains("etter tidligste løslatelse", outlook.Str("reason"), StringComparison.Ordinal);
        Assert.Equal("Testkommune, boligkontoret", (await world.CaseAsync(caseId)).Str($"measures.{measureId}.application.partner"));
    }

    [Fact]
    public async Task AProposal_CarriesItsAnswerDate_AndTheAnswerWhoGaveIt()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync();
        var person = await world.UserAsync(world.PersonId, "Ola Nordmann");
        using var proposed = await person.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/proposals", new { needCode = "housing", text = "Jeg vil bo nær søsteren min." });
        var proposalId = (await proposed.OkJsonAsync())["events"]![0]!.Str("event.proposalId")!;

        var open = (await world.CaseAsync(caseId))["proposals"]![proposalId]!;
        using var answer = await world.Colleague.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/proposals/{proposalId}/answer", new { adopt = false, answer = "Vi ser etter noe i bydelen hennes." });
        await answer.OkJsonAsync();
        var answered = (await world.CaseAsync(caseId))["proposals"]![proposalId]!;

        Assert.NotNull(open.Str("answerDue"));
        Assert.Equal("2026.2", open.Str("answerRuleSetVersion"));
        Assert.Equal(world.Colleague.Id, answered.Str("answeredById"));
    }
}
