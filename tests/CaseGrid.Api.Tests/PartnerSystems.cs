using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseGrid.Api.Tests;

/// <summary>Partner systems as they talk to CaseGrid: client-credentials tokens, the feed, consent recorded by the coordinator.</summary>
public static class PartnerSystems
{
    /// <summary>A client with a partner system's own token, acting for <paramref name="unitId"/> of <paramref name="agency"/>.</summary>
    public static async Task<HttpClient> SystemClientAsync(this CaseGridApiFactory factory, string clientId, string agency, string unitId)
    {
        using var anonymous = factory.CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/dev/system-token", new { clientId, agency, unitId });
        var token = (await response.OkJsonAsync()).Str("accessToken");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The feed's current end.</summary>
    public static async Task<string> FeedHeadAsync(this HttpClient system)
    {
        using var response = await system.GetAsync("/api/v1/feed/head");
        return (await response.OkJsonAsync()).Str("position")!;
    }

    /// <summary>One page of the feed after <paramref name="after"/>.</summary>
    public static async Task<(List<FeedItem> Events, string Next)> FeedPageAsync(this HttpClient system, string after, int max)
    {
        using var response = await system.GetAsync($"/api/v1/feed?after={Uri.EscapeDataString(after)}&max={max}");
        var page = await response.OkJsonAsync();
        return ([.. page["events"]!.AsArray().Select(e => FeedItem.From(e!.AsObject()))], page.Str("next")!);
    }

    /// <summary>The feed after <paramref name="after"/>, page by page, until a page has examined nothing.</summary>
    public static async Task<(List<FeedItem> Events, string Next)> FeedToEndAsync(this HttpClient system, string after, int max = 100)
    {
        var events = new List<FeedItem>();
        while (true)
        {
            var (page, next) = await system.FeedPageAsync(after, max);
            events.AddRange(page);
            if (next == after)
            {
                return (events, next);
            }

            after = next;
        }
    }

    /// <summary>The officer submits a proposal: one event on the case.</summary>
    public static async Task ProposeAsync(this TestWorld world, string caseId, string text)
    {
        using var response = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/proposals", new { needCode = (string?)null, text });
        Assert.Equal(["proposal-submitted"], (await response.OkJsonAsync()).EventTypes());
    }

    /// <summary>A feed position as the comparable pair it stands for.</summary>
    public static (ulong Tx, ulong Seq) Position(string position)
    {
        var parts = position.Split('-');
        Assert.Equal(2, parts.Length);
        return (ulong.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), ulong.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>An event as the feed (and a webhook) shows it.</summary>
    public sealed record FeedItem(string Position, string CaseId, long Version, string Type, string Json)
    {
        public static FeedItem From(JsonObject e) =>
            new(e.Str("position")!, e.Str("caseId")!, e.Number("version"), e.Str("event.type")!, e.ToJsonString());
    }
}
