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
    private static readonly string[] SubstanceUse = ["substance-use"];

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

        // Opened, the person added, their consent, two proposals.
        var expected = caseIds.SelectMany(c => Enumerable.Range(1, 5).Select(v => $"{c}:{v}")).ToList();

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
        expected.Add($"{caseIds[0]}:6");
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
        var caseId = await world.OpenCaseAsync(consent: false);
        await world.ConsentAsync(caseId, "PartnerSystems");
        var start = await system.FeedHeadAsync();
        await world.ProposeAsync(caseId, "Første forslag");
        await world.ProposeAsync(caseId, "Andre forslag");
        var (first, second) = ($"{caseId}:4", $"{caseId}:5");

        await using var receiver = new WebhookReceiver { Answer = StatusCodes.Status500InternalServerError };
        await receiver.StartAsync();
        var (id, _) = await SubscribeAsync(system, receiver.Url, start);
        var letters = await Api.EventuallyAsync(() => DeadLettersAsync(system, id), l => l.Count == 2, "both events dead letters", Patience);
        Assert.Equal([first, second], letters.Select(l => l!.Str("webhookId")));
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
        Assert.Equal([second], left.Select(l => l!.Str("webhookId")));

        await RedeliverAsync(system, id, letters[1]!.Number("deliveryId"));
        await receiver.WaitUntilAsync(r => r.Count(x => x.Delivered) == 2, "the second redelivery", Patience);
        await Api.EventuallyAsync(() => ViewAsync(system, id), v => v.Number("pending") == 0 && v.Number("deadLetters") == 0, "queue and dead letters empty", Patience);
        Assert.Equal([first, second], receiver.Requests.Where(r => r.Delivered).Select(r => r.Id));

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

    [Fact]
    public async Task AWebhookSubscription_BelongsToItsSystemAndUnit_AnotherUnitsTokenOfTheSameSystemSeesNothingOfIt()
    {
        using var world = await TestWorld.CreateAsync(factory);
        var client = $"fagsystem-{world.Suffix}";
        using var forKommune = await factory.SystemClientAsync(client, "Municipality", world.MunicipalityId);
        using var forNav = await factory.SystemClientAsync(client, "Nav", world.NavId);
        using var created = await forKommune.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://kommune.example/hooks" });
        var id = (await created.OkJsonAsync(HttpStatusCode.Created)).Str("id")!;

        Assert.Empty(await ListAsync(forNav));
        foreach (var path in new[] { $"/api/v1/webhooks/{id}", $"/api/v1/webhooks/{id}/dead-letters" })
        {
            using var notYours = await forNav.GetAsync(path);
            await notYours.ProblemAsync(HttpStatusCode.NotFound, "webhook.not-found");
        }

        using (var notYours = await forNav.DeleteAsync($"/api/v1/webhooks/{id}"))
        {
            await notYours.ProblemAsync(HttpStatusCode.NotFound, "webhook.not-found");
        }

        Assert.Single(await ListAsync(forKommune));
        await DeleteAsync(forKommune, id);
    }

    [Fact]
    public async Task ASubscriptionWithoutWordOfTheSystemsRoles_GetsNoHealthDetails_ItFailsClosed()
    {
        await using var host = SendingHost(maxAttempts: 50);
        using var world = await TestWorld.CreateAsync(host);
        var healthUnit = $"helse-{world.Suffix}";
        await world.DefineUnitAsync(healthUnit, "Testhelse", "Health");
        var hilde = await world.UserAsync($"u-hilde-{world.Suffix}", "Hilde Helse");
        using var system = await host.SystemClientAsync($"helse-system-{world.Suffix}", "Health", healthUnit);
        var caseId = await world.OpenCaseAsync();
        await world.AddMemberAsync(caseId, hilde.Id, hilde.Name, "HealthWorker", "Health", healthUnit);
        await world.ConsentAsync(caseId, "PartnerSystems");
        using (var identify = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/needs/substance-use/identify", new { ownerId = hilde.Id }))
        {
            await identify.OkJsonAsync();
        }

        var start = await system.FeedHeadAsync();
        await using var known = new WebhookReceiver();
        await using var unknown = new WebhookReceiver();
        await known.StartAsync();
        await unknown.StartAsync();
        await SubscribeAsync(system, known.Url, start);
        var (legacy, _) = await SubscribeAsync(system, unknown.Url, start);

        // A subscription stored before the system's roles were kept with it: nobody knows whether it is a security function.
        await using (var connection = new Npgsql.NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var forget = new Npgsql.NpgsqlCommand("UPDATE webhook_subscriptions SET security_function = NULL WHERE id = $1", connection);
            forget.Parameters.Add(new Npgsql.NpgsqlParameter { Value = legacy });
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        const string text = "HOOK-HEALTH-6PW";
        using (var measure = await hilde.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/measures", new { needCodes = SubstanceUse, what = text, ownerId = hilde.Id, due = Api.Today.AddDays(20).Iso() }))
        {
            await measure.OkJsonAsync();
        }

        await known.WaitUntilAsync(r => r.Any(x => x.Delivered && x.Json.ToJsonString().Contains(text, StringComparison.Ordinal)), "the health system's delivery", Patience);
        await unknown.WaitUntilAsync(r => r.Any(x => x.Delivered && x.Json.Str("event.type") == "measure-added"), "the legacy subscription's delivery", Patience);
        Assert.DoesNotContain(unknown.Requests, r => r.Json.ToJsonString().Contains(text, StringComparison.Ordinal));
    }

    public static TheoryData<string> InternalUrls => new()
    {
        "http://127.0.0.1:8080/hooks", "http://localhost/hooks", "http://app.localhost/hooks", "http://[::1]/hooks", "http://10.1.2.3/hooks",
        "https://172.16.5.4/hooks", "http://192.168.1.10/hooks", "http://169.254.169.254/latest/meta-data/", "http://100.100.100.200/",
        "http://[fd00:ec2::254]/", "http://[fe80::1]/hooks", "http://0.0.0.0/hooks", "http://[::ffff:127.0.0.1]/hooks", "http://2130706433/hooks",
    };

    [Theory]
    [MemberData(nameof(InternalUrls))]
    public async Task WebhookUrls_ToLoopbackPrivateLinkLocalOrMetadataAddresses_AreRefused(string url)
    {
        using var world = await TestWorld.CreateAsync(factory);
        using var system = await factory.SystemClientAsync($"kommune-system-{world.Suffix}", "Municipality", world.MunicipalityId);

        using var refused = await system.PostAsJsonAsync("/api/v1/webhooks", new { url });

        await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity, "webhook.url-not-allowed");
        Assert.Empty(await ListAsync(system));
    }

    [Fact]
    public async Task ADeliveryToAnAddressThatResolvesInside_IsNotMade_WhateverTheUrlSaidWhenSubscribed()
    {
        await using var host = SendingHost(maxAttempts: 1, allowLoopback: false);
        using var world = await TestWorld.CreateAsync(host);
        using var system = await host.SystemClientAsync($"kommune-system-{world.Suffix}", "Municipality", world.MunicipalityId);
        var caseId = await world.OpenCaseAsync(consent: false);
        await world.ConsentAsync(caseId, "PartnerSystems");
        var start = await system.FeedHeadAsync();
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var (id, _) = await SubscribeAsync(system, "https://kommune.example/hooks", start);

        // The name now leads inside (a DNS record changed after the subscription was made): localhost, on the receiver's port.
        await using (var connection = new Npgsql.NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var point = new Npgsql.NpgsqlCommand("UPDATE webhook_subscriptions SET url = $2 WHERE id = $1", connection);
            point.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
            point.Parameters.Add(new Npgsql.NpgsqlParameter { Value = receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) });
            Assert.Equal(1, await point.ExecuteNonQueryAsync());
        }

        await world.ProposeAsync(caseId, "Skal ikke ut");
        var proposed = await world.EventCountAsync(caseId);

        // The proposal's delivery (a delivery made before the name changed, to the outside name, may be there too).
        var letters = await Api.EventuallyAsync(() => DeadLettersAsync(system, id),
            l => l.Any(x => x!.Str("caseId") == caseId && x!.Number("version") == proposed), "the delivery refused", Patience);
        Assert.Equal("destination-not-allowed", letters.Single(x => x!.Str("caseId") == caseId && x!.Number("version") == proposed)!.Str("lastError"));
        Assert.Empty(receiver.Requests);
    }

    /// <summary>
    /// A host of its own whose dispatcher sends, retrying within fractions of a second; the receivers of these tests
    /// listen on 127.0.0.1, which it allows unless <paramref name="allowLoopback"/> is false.
    /// </summary>
    private static CaseGridApiFactory SendingHost(int maxAttempts, bool allowLoopback = true)
    {
        var host = new CaseGridApiFactory();
        if (allowLoopback)
        {
            host.Settings["CaseGrid:Webhooks:AllowedNetworks:0"] = "127.0.0.1/32";
        }

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
