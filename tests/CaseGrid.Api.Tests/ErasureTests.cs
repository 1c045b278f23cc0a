using System.Net;
using System.Net.Http.Json;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Erasure (docs/retention.md): the controller erases a closed case, and afterwards nothing of it can be read by
/// anyone — not through the API, and not in any table of the database, where its name and its words were before.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class ErasureTests(CaseGridApiFactory factory)
{
    private static readonly string[] PlanSharing = ["PlanSharing"];

    [Fact]
    public async Task AnErasedCase_LeavesNothingReadable_InTheApi_OrAnyTable()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var name = $"Erna Slettes {world.Suffix}";
        var note = $"Samtykke gitt i samtale {world.Suffix}";
        var controller = await world.UserAsync($"u-controller-{world.Suffix}", "Personvernrådgiver", "data-controller");

        // A case called in to serve (so it may be closed at once), with consent recorded in free text, and an idempotent write.
        using var opened = await world.Officer.Http.PostAsJsonAsync("/api/v1/cases", new
        {
            person = new { pseudonymId = $"P-{world.Suffix}", displayName = name },
            phase = "Summoned",
            unitId = world.PrisonId,
            home = new { registeredUnitId = world.MunicipalityId },
            dates = new { sentenceStart = (string?)null, earliestRelease = (string?)null, expectedRelease = (string?)null, endOfSentence = (string?)null, endOfSupervision = (string?)null },
            creatorRole = "Kontaktbetjent",
        });
        var caseId = (await opened.OkJsonAsync(HttpStatusCode.Created))["events"]![0]!.Str("caseId")!;
        using (var consent = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/consent") { Content = JsonContent.Create(new { scopes = PlanSharing, note }) })
        {
            consent.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var given = await world.Officer.Http.SendAsync(consent);
            await given.OkJsonAsync();
        }

        // Before: the name is held by the prison's board (a copy outside the log); the note only sealed.
        await Api.EventuallyAsync(() => world.Officer.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/api/v1/units/{world.PrisonId}/cases"),
            cases => cases!.Any(c => c!.Str("caseId") == caseId), "the prison's board shows the case");
        // The unit stores its index within a moment of the change (once per burst), so the copy is awaited, not assumed.
        await Api.EventuallyAsync(() => factory.TablesHoldingAsync(name), tables => tables.Count > 0, "a table holds the name outside the log");
        Assert.DoesNotContain("case_events", await factory.TablesHoldingAsync(note));

        // Only a closed case, and only the controller.
        using (var open = await controller.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/erasure", new { reason = "RegisteredInError" }))
        {
            await open.ProblemAsync(HttpStatusCode.Conflict, "erasure.case-open");
        }

        using (var closed = await world.Officer.Http.PutAsJsonAsync($"/api/v1/cases/{caseId}/phase", new { phase = "Closed" }))
        {
            await closed.OkJsonAsync();
        }

        using (var notController = await world.PrisonLeader.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/erasure", new { reason = "RegisteredInError" }))
        {
            await notController.ProblemAsync(HttpStatusCode.Forbidden, "erasure.not-controller");
        }

        using (var noReason = await controller.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/erasure", new { }))
        {
            await noReason.ProblemAsync(HttpStatusCode.BadRequest, "erasure.invalid");
        }

        Assert.Contains(name, (await world.CaseAsync(caseId)).ToJsonString(), StringComparison.Ordinal);

        using (var erased = await controller.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/erasure", new { reason = "RegisteredInError" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        }

        using (var again = await controller.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/erasure", new { reason = "RegisteredInError" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }

        // Through the API: gone for reads, refused for writes, off the board.
        using (var read = await world.Officer.Http.GetAsync($"/api/v1/cases/{caseId}"))
        {
            await read.ProblemAsync(HttpStatusCode.NotFound, "case.erased");
        }

        using (var events = await world.Officer.Http.GetAsync($"/api/v1/cases/{caseId}/events"))
        {
            await events.ProblemAsync(HttpStatusCode.NotFound, "case.erased");
        }

        using (var write = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent/withdraw", new { scopes = PlanSharing }))
        {
            await write.ProblemAsync(HttpStatusCode.Conflict, "case.erased");
        }

        var board = await world.Officer.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/api/v1/units/{world.PrisonId}/cases");
        Assert.DoesNotContain(board!, c => c!.Str("caseId") == caseId);

        // In the database: neither the name nor the note anywhere, in any table, as text or bytes; the key is gone and
        // the erasure is on record without content.
        Assert.Empty(await factory.TablesHoldingAsync(name));
        Assert.Empty(await factory.TablesHoldingAsync(note));
        Assert.Equal(0L, await factory.ScalarAsync("SELECT count(*) FROM case_keys WHERE case_id = $1", caseId));
        Assert.Equal(0L, await factory.ScalarAsync("SELECT count(*) FROM idempotency_keys WHERE case_id = $1", caseId));
        Assert.Equal("registered-in-error", await factory.ScalarAsync("SELECT reason FROM case_erasures WHERE case_id = $1", caseId));
        Assert.Equal(0L, await factory.ScalarAsync("SELECT count(*) FROM case_events WHERE case_id = $1 AND payload IS NOT NULL", caseId));
    }
}
