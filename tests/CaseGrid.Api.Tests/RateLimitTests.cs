using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;

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
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }
}
