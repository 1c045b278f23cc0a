using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CaseGrid.Api.Tests;

[Collection(TwoHostsGroup.Name)]
public sealed class RateLimitTests(TwoHosts hosts)
{
    [Fact]
    public async Task ACallerOverItsShare_Gets429WithRetryAfter_WhileOthersAreServed()
    {
        await using var limited = new ApiHostFactory(hosts.A).WithWebHostBuilder(b => b.UseSetting("CaseGrid:RateLimits:PermitsPerWindow", "3"));
        using var greedy = limited.CreateClient();
        greedy.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await hosts.A.TokenAsync($"u-greedy-{Guid.NewGuid():N}"[..20], "Grådig"));
        using var other = limited.CreateClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await hosts.A.TokenAsync($"u-other-{Guid.NewGuid():N}"[..20], "Annen"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await greedy.GetAsync("/api/v1/cases/case-none");
            statuses.Add(response.StatusCode);
        }

        using var refused = await greedy.GetAsync("/api/v1/cases/case-none");
        using var served = await other.GetAsync("/api/v1/cases/case-none");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests, "rate.limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }

    [Fact]
    public async Task HubCalls_CountAgainstTheCallersShare_AndAreRefusedOverIt_WhileOthersAreServed()
    {
        await using var limited = new ApiHostFactory(hosts.A).WithWebHostBuilder(b => b.UseSetting("CaseGrid:RateLimits:PermitsPerWindow", "4"));
        await using var greedy = await LiveClient.ConnectAsync(limited.Server, await hosts.A.TokenAsync($"u-greedy-{Guid.NewGuid():N}"[..20], "Grådig"));
        await using var other = await LiveClient.ConnectAsync(limited.Server, await hosts.A.TokenAsync($"u-other-{Guid.NewGuid():N}"[..20], "Annen"));
        var unit = Api.NewId("unit");

        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => greedy.Connection.InvokeAsync<object>("JoinBoard", unit));
            answers.Add(refused.Message);
        }

        var served = await Assert.ThrowsAsync<HubException>(() => other.Connection.InvokeAsync<object>("JoinBoard", unit));

        // Connecting took one of the four; three calls are served (the unit does not exist), the rest refused.
        Assert.All(answers.Take(3), a => Assert.Contains("unit.not-found", a, StringComparison.Ordinal));
        Assert.All(answers.Skip(3), a => Assert.Contains("rate.limited", a, StringComparison.Ordinal));
        Assert.Contains("unit.not-found", served.Message, StringComparison.Ordinal);
    }
}
