using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace CaseGrid.Api.Tests;

/// <summary>Talking to the API hosts of <see cref="ClusterProcesses"/> as a client would.</summary>
public static class ClusterApi
{
    private static readonly string[] PlanSharing = ["PlanSharing"];

    /// <summary>A token for <paramref name="userId"/> from the host's development issuer (both hosts accept it).</summary>
    public static async Task<string> TokenAsync(Uri host, string userId)
    {
        using var anonymous = new HttpClient { BaseAddress = host };
        using var response = await anonymous.PostAsJsonAsync("/dev/token", new { userId });
        return (await response.OkJsonAsync()).Str("accessToken")!;
    }

    /// <summary>A client of <paramref name="host"/> that sends <paramref name="userId"/>'s bearer token.</summary>
    public static async Task<HttpClient> HttpAsync(Uri host, string userId, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = host, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(host, userId));
        return client;
    }

    /// <summary>Kari opens a case at Bergen prison with Ola's consent to share it, and Ingrid of Bergen kommune joins it.</summary>
    public static async Task<string> OpenCaseWithIngridAsync(HttpClient kari)
    {
        var today = Api.Today;
        using var opened = await kari.PostAsJsonAsync("/api/v1/cases", new
        {
            person = new { pseudonymId = Api.NewId("P"), displayName = "Ola Nordmann" },
            phase = "Serving",
            unitId = "fengsel-bergen",
            home = new { registeredUnitId = "bergen-kommune" },
            dates = new { expectedRelease = today.AddDays(40).Iso() },
            creatorRole = "Kontaktbetjent",
        });
        await opened.OkJsonAsync(HttpStatusCode.Created);
        var caseId = opened.Headers.Location!.OriginalString.Split('/')[^1];
        using var consent = await kari.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent", new { scopes = PlanSharing, note = "Kartleggingssamtale" });
        var request = (await consent.OkJsonAsync())["events"]![0]!.Str("event.requestId");
        using var member = await kari.PostAsJsonAsync($"/api/v1/cases/{caseId}/members", new
        {
            userId = "u-ingrid", displayName = "Ingrid Dahl", role = "MunicipalCaseworker", agency = "Municipality", unitId = "bergen-kommune",
        });
        await member.OkJsonAsync();

        // Kari recorded the consent on the person's word: a second member, Ingrid, confirms it.
        using var ingrid = await HttpAsync(kari.BaseAddress!, "u-ingrid");
        using var confirmed = await ingrid.PostAsync($"/api/v1/cases/{caseId}/privacy-requests/{request}/confirm", null);
        await confirmed.OkJsonAsync();
        return caseId;
    }
}
