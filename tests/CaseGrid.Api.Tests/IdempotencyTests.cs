using System.Net;
using System.Net.Http.Json;

namespace CaseGrid.Api.Tests;

[Collection(SharedHost.Name)]
public sealed class IdempotencyTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task RetriedWrite_WithTheSameKey_AppliesOnce_AndGetsTheSameAnswer()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync();
        var before = await world.EventCountAsync(caseId);
        var key = Guid.NewGuid().ToString();

        using var first = await SendAsync(world.Officer.Http, $"/api/v1/cases/{caseId}/goals", new { code = "housing", text = "Bolig" }, key);
        using var retry = await SendAsync(world.Officer.Http, $"/api/v1/cases/{caseId}/goals", new { code = "housing", text = "Bolig" }, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(before + 1, await world.EventCountAsync(caseId));
    }

    [Fact]
    public async Task AKeptAnswer_HoldsNoPlanText_YetIsReplayedWhole()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync();
        var key = Guid.NewGuid().ToString();
        var text = $"Leilighet i Sandviken {Guid.NewGuid():N}";

        using var first = await SendAsync(world.Officer.Http, $"/api/v1/cases/{caseId}/goals", new { code = "housing", text }, key);
        using var retry = await SendAsync(world.Officer.Http, $"/api/v1/cases/{caseId}/goals", new { code = "housing", text }, key);

        Assert.Contains(text, await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1L, await factory.ScalarAsync("SELECT count(*) FROM idempotency_keys WHERE key = $1 AND case_id = $2", key, caseId));
        Assert.DoesNotContain("idempotency_keys", await factory.TablesHoldingAsync(text));
    }

    [Fact]
    public async Task TheSameKey_OnADifferentRequest_IsRefused_AndChangesNothing()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var caseId = await world.OpenCaseAsync();
        var key = Guid.NewGuid().ToString();
        using var first = await SendAsync(world.Officer.Http, $"/api/v1/cases/{caseId}/goals", new { code = "housing", text = "Bolig" }, key);
        var after = await world.EventCountAsync(caseId);

        using var other = await SendAsync(world.Officer.Http, $"/api/v1/cases/{caseId}/goals", new { code = "housing", text = "Noe annet" }, key);

        await other.ProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency.key-reused");
        Assert.Equal(after, await world.EventCountAsync(caseId));
    }

    [Fact]
    public async Task RetriedCaseOpening_WithTheSameKey_OpensOneCase()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var key = Guid.NewGuid().ToString();

        using var first = await SendAsync(world.Officer.Http, "/api/v1/cases", world.OpenCaseBody(), key);
        using var retry = await SendAsync(world.Officer.Http, "/api/v1/cases", world.OpenCaseBody(), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
