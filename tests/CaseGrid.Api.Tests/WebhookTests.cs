using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using static CaseGrid.Api.Tests.PartnerSystems;

namespace CaseGrid.Api.Tests;

/// <summary>
/// Webhooks over real HTTP: a Kestrel receiver on loopback, a host of their own whose dispatcher sends (with short
/// retry times), and PostgreSQL for the queue.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class WebhookTests(CaseGridApiFactory factory)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Webhook_ReceiverDownThenUp_GetsEveryEventExactlyOnce_InFeedOrder_Signed()
    {
        await using var host = SendingHost(maxAttempts: 50);
        using var world = await TestWorld.CreateAsync(host);
        using var system = await host.SystemClientAsync($"kommune-system-{world.Suffix}", "Municipality", world.MunicipalityId);
        var start = await system.FeedHeadAsync();
        var caseIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var caseId = await world.OpenCaseAsync(consent: false);
            await world.ConsentAsync(caseId, "PartnerSystems");
            await world.ProposeAsync(caseId, "Første forslag");
            await world.ProposeAsync(caseId, "Andre forslag");
            caseIds.Add(caseId);
        }

        var expected = caseIds.SelectMany(c => Enumerable.Range(1, 4).Select(v => $"{c}:{v}")).ToList();

        // The receiver is not even listening yet: everything is queued, nothing is delivered.
        await using var receiver = new WebhookReceiver();
        var (id, secret) = await SubscribeAsync(system, receiver.Url, start);
        await Api.EventuallyAsync(() => ViewAsync(system, id), v => v.Number("pending") == expected.Count, "every event queued while the receiver is down", Patience);

        // Then it answers 503 for a while, then it is up.
        receiver.Answer = StatusCodes.Status503ServiceUnavailable;
        await receiver.StartAsync();
        await receiver.WaitUntilAsync(r => r.Count >= 3, "three refused attempts", Patience);
        receiver.Answer = StatusCodes.Status200OK;
        await receiver.WaitUntilAsync(r => r.Count(x => x.Delivered) >= expected.Count, "every event delivered", Patience);

        // An event written once the receiver is back follows the rest.
        await world.ProposeAsync(caseIds[0], "Etter");
        expected.Add($"{caseIds[0]}:5");
        await receiver.WaitUntilAsync(r => r.Count(x => x.Delivered) >= expected.Count, "the later event delivered", Patience);
        var view = await Api.EventuallyAsync(() => ViewAsync(system, id), v => v.Number("pending") == 0, "nothing left to send", Patience);
        Assert.Equal(0, view.Number("deadLetters"));

        // Each event taken exactly once, none twice, none missing.
        var requests = receiver.Requests;
        var delivered = requests.Where(r => r.Delivered).ToList();
        Assert.Equal(expected.Order(), delivered.Select(r => r.Id).Order());

        // Only the oldest was tried while the receiver failed: the later ones waited for it.
        var refused = requests.Where(r => !r.Delivered).ToList();
        Assert.True(refused.Count >= 3);
        Assert.All(refused, r => Assert.Equal(delivered[0].Id, r.Id));

        // Signed with the secret, stamped now, and the body is the feed's item, in the feed's order.
        Assert.All(requests, r => Assert.True(r.SignedWith(secret), $"signature of {r.Id}"));
        Assert.All(requests, r => Assert.InRange(
            long.Parse(r.Timestamp, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var feed = (await system.FeedToEndAsync(start)).Events.Where(e => caseIds.Contains(e.CaseId)).ToList();
        Assert.Equal(feed, delivered.Select(r => FeedItem.From(r.Json)));
        Assert.All(delivered, r => Assert.Equal(r.Id, $"{r.Json.Str("caseId")}:{r.Json.Number("version")}"));

        await DeleteAsync(system, id);
    }

    [Fact]
    public async Task Webhook_ThatKeepsFailing_GoesToTheDeadLetters_AndArrivesOnceWhenRedelivered()
    {
        await using var host = SendingHost(maxAttempts: 2);
        using var world = await TestWorld.CreateAsync(host);
        using var system = await host.SystemClientAsync($"kommune-system-{world.Suffix}", "Municipality", world.MunicipalityId);
        using var other = await host.SystemClientAsync($"kommune-other-{world.Suffix}", "Municipality", world.MunicipalityId);
        var start = await system.FeedHeadAsync();
        var caseId = await world.OpenCaseAsync(consent: false);
        await world.ConsentAsync(caseId, "PartnerSystems");

        await using var receiver = new WebhookReceiver { Answer = StatusCodes.Status500InternalServerError };
        await receiver.StartAsync();
        var (id, _) = await SubscribeAsync(system, receiver.Url, start);
        var letters = await Api.EventuallyAsync(() => DeadLettersAsync(system, id), l => l.Count == 2, "both events dead letters", Patience);
        Assert.Equal([$"{caseId}:1", $"{caseId}:2"], letters.Select(l => l!.Str("webhookId")));
        Assert.All(letters, l =>
        {
            Assert.NotNull(l);
            Assert.Equal(2, l.Number("attempts"));
            Assert.Equal(500, l.Number("lastStatusCode"));
            Assert.Equal("http-500", l.Str("lastError"));
        });
        Assert.Equal(4, receiver.Requests.Count);

        // Dead letters are the subscribing system's own.
        using (var notYours = await other.GetAsync($"/api/v1/webhooks/{id}/dead-letters"))
        {
            await notYours.ProblemAsync(HttpStatusCode.NotFound, "webhook.not-found");
        }

        using (var notYours = await other.PostAsync($"/api/v1/webhooks/{id}/dead-letters/{letters[0]!.Number("deliveryId")}/redeliver", null))
        {
            await notYours.ProblemAsync(HttpStatusCode.NotFound, "webhook.dead-letter-not-found");
        }

        // The receiver is fixed; each dead letter asked for again arrives, once.
        receiver.Answer = StatusCodes.Status200OK;
        await RedeliverAsync(system, id, letters[0]!.Number("deliveryId"));
        await receiver.WaitUntilAsync(r => r.Any(x => x.Delivered), "the first redelivery", Patience);
        var left = await DeadLettersAsync(system, id);
        Assert.Equal([$"{caseId}:2"], left.Select(l => l!.Str("webhookId")));

        await RedeliverAsync(system, id, letters[1]!.Number("deliveryId"));
        await receiver.WaitUntilAsync(r => r.Count(x => x.Delivered) == 2, "the second redelivery", Patience);
        await Api.EventuallyAsync(() => ViewAsync(system, id), v => v.Number("pending") == 0 && v.Number("deadLetters") == 0, "queue and dead letters empty", Patience);
        Assert.Equal([$"{caseId}:1", $"{caseId}:2"], receiver.Requests.Where(r => r.Delivered).Select(r => r.Id));

        // A delivery that is no longer a dead letter is not redelivered.
        using (var again = await system.PostAsync($"/api/v1/webhooks/{id}/dead-letters/{letters[0]!.Number("deliveryId")}/redeliver", null))
        {
            await again.ProblemAsync(HttpStatusCode.NotFound, "webhook.dead-letter-not-found");
        }

        await DeleteAsync(system, id);
    }

    [Fact]
    public async Task Webhooks_AreForPartnerSystems_RefuseUrlsThatAreNotHttp_AndAreEachSystemsOwn()
    {
        using var world = await TestWorld.CreateAsync(factory);
        using var system = await factory.SystemClientAsync($"kommune-system-{world.Suffix}", "Municipality", world.MunicipalityId);
        using var other = await factory.SystemClientAsync($"kommune-other-{world.Suffix}", "Municipality", world.MunicipalityId);
        using (var asUser = await world.Officer.Http.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://kommune.example/hooks" }))
        {
            await asUser.ProblemAsync(HttpStatusCode.Forbidden, "partner.systems-only");
        }

        using (var listAsUser = await world.Officer.Http.GetAsync("/api/v1/webhooks"))
        {
            await listAsUser.ProblemAsync(HttpStatusCode.Forbidden, "partner.systems-only");
        }

        string?[] badUrls = [null, "", "hooks", "/api/hooks", "ftp://kommune.example/hooks", "file:///etc/passwd", "javascript:alert(1)",
            "https://user:secret@kommune.example/hooks", "https://kommune.example/" + new string('a', 2000)];
        foreach (var url in badUrls)
        {
            using var bad = await system.PostAsJsonAsync("/api/v1/webhooks", new { url });
            await bad.ProblemAsync(HttpStatusCode.BadRequest, "webhook.url-invalid");
        }

        using (var badPosition = await system.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://kommune.example/hooks", after = "later" }))
        {
            await badPosition.ProblemAsync(HttpStatusCode.BadRequest, "feed.position-invalid");
        }

        Assert.Empty(await ListAsync(system));

        var headBefore = Position(await system.FeedHeadAsync());
        using var created = await system.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://kommune.example/hooks?tenant=7" });
        var subscription = await created.OkJsonAsync(HttpStatusCode.Created);
        var id = subscription.Str("id")!;
        Assert.Equal($"/api/v1/webhooks/{id}", created.Headers.Location?.OriginalString);
        Assert.StartsWith("whsec_", subscription.Str("secret"), StringComparison.Ordinal);

        // At rest the secret is sealed under the master key: the row does not hold it.
        var stored = (string)(await factory.ScalarAsync("SELECT secret FROM webhook_subscriptions WHERE id = $1", id))!;
        Assert.StartsWith("sealed:v1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(subscription.Str("secret")![6..], stored, StringComparison.Ordinal);

        // Without a position, deliveries start at the feed's end as it was then.
        var position = Position(subscription.Str("position")!);
        Assert.InRange(position, headBefore, Position(await system.FeedHeadAsync()));

        // Listed for its system, without the secret; another system sees nothing of it.
        var listed = Assert.Single(await ListAsync(system))!;
        Assert.Equal("https://kommune.example/hooks?tenant=7", listed.Str("url"));
        Assert.Null(listed["secret"]);
        Assert.Empty(await ListAsync(other));
        using (var notYours = await other.GetAsync($"/api/v1/webhooks/{id}"))
        {
            await notYours.ProblemAsync(HttpStatusCode.NotFound, "webhook.not-found");
        }

        using (var notYours = await other.DeleteAsync($"/api/v1/webhooks/{id}"))
        {
            await notYours.ProblemAsync(HttpStatusCode.NotFound, "webhook.not-found");
        }

        await DeleteAsync(system, id);
        Assert.Empty(await ListAsync(system));
        using var gone = await system.DeleteAsync($"/api/v1/webhooks/{id}");
        await gone.ProblemAsync(HttpStatusCode.NotFound, "webhook.not-found");
    }

    /// <summary>A host of its own whose dispatcher sends, retrying within fractions of a second.</summary>
    private static CaseGridApiFactory SendingHost(int maxAttempts)
    {
        var host = new CaseGridApiFactory();
        host.Settings["CaseGrid:Webhooks:Enabled"] = "true";
        host.Settings["CaseGrid:Webhooks:PollInterval"] = "00:00:00.050";
        host.Settings["CaseGrid:Webhooks:BackoffBase"] = "00:00:00.100";
        host.Settings["CaseGrid:Webhooks:BackoffMax"] = "00:00:00.400";
        host.Settings["CaseGrid:Webhooks:Timeout"] = "00:00:05";
        host.Settings["CaseGrid:Webhooks:MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture);
        _ = host.Server;
        return host;
    }

    private static async Task<(string Id, string Secret)> SubscribeAsync(HttpClient system, string url, string after)
    {
        using var response = await system.PostAsJsonAsync("/api/v1/webhooks", new { url, after });
        var created = await response.OkJsonAsync(HttpStatusCode.Created);
        Assert.Equal(after, created.Str("position"));
        return (created.Str("id")!, created.Str("secret")!);
    }

    private static async Task<JsonObject> ViewAsync(HttpClient system, string id)
    {
        using var response = await system.GetAsync($"/api/v1/webhooks/{id}");
        return await response.OkJsonAsync();
    }

    private static async Task<JsonArray> ListAsync(HttpClient system) => await system.GetFromJsonAsync<JsonArray>("/api/v1/webhooks") ?? [];

    private static async Task<JsonArray> DeadLettersAsync(HttpClient system, string id) =>
        await system.GetFromJsonAsync<JsonArray>($"/api/v1/webhooks/{id}/dead-letters") ?? [];

    private static async Task RedeliverAsync(HttpClient system, string id, long deliveryId)
    {
        using var response = await system.PostAsync($"/api/v1/webhooks/{id}/dead-letters/{deliveryId}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task DeleteAsync(HttpClient system, string id)
    {
        using var response = await system.DeleteAsync($"/api/v1/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
