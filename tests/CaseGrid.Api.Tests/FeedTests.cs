using System.Net;
using System.Net.Http.Json;
using Npgsql;
using static CaseGrid.Api.Tests.PartnerSystems;

namespace CaseGrid.Api.Tests;

/// <summary>The partner feed over HTTP (on PostgreSQL, or on Azure Storage with CASEGRID_TEST_STORAGE=azure): who sees what, resuming, and no event lost or repeated while cases are written.</summary>
[Collection(SharedHost.Name)]
public sealed class FeedTests(CaseGridApiFactory factory)
{
    [Fact]
    public async Task Feed_ShowsACase_OnlyToTheSystemOfAnInvolvedUnit_AndOnlyUnderPartnerSystemsConsent()
    {
        using var world = await TestWorld.CreateAsync(factory);
        using var kommune = await factory.SystemClientAsync($"kommune-system-{world.Suffix}", "Municipality", world.MunicipalityId);
        using var nav = await factory.SystemClientAsync($"nav-system-{world.Suffix}", "Nav", world.NavId);
        var start = await kommune.FeedHeadAsync();
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync(consent: false);

        // No consent yet: the feed moves on past the case without showing it.
        var (before, next) = await kommune.FeedToEndAsync(start);
        Assert.DoesNotContain(before, e => e.CaseId == caseId);
        Assert.NotEqual(start, next);

        await world.ConsentAsync(caseId, "PlanSharing");
        Assert.DoesNotContain((await kommune.FeedToEndAsync(start)).Events, e => e.CaseId == caseId);

        await world.ConsentAsync(caseId, "PartnerSystems");
        var versions = await world.EventCountAsync(caseId);
        var seen = (await kommune.FeedToEndAsync(start)).Events.Where(e => e.CaseId == caseId).ToList();
        Assert.Equal(Enumerable.Range(1, versions).Select(v => (long)v), seen.Select(e => e.Version));
        Assert.Equal("case-opened", seen[0].Type);
        Assert.Equal("consent-recorded", seen[^1].Type);

        // A NAV office's system: its unit is not part of the case, consent or not.
        Assert.DoesNotContain((await nav.FeedToEndAsync(start)).Events, e => e.CaseId == caseId);

        // Withdrawn: from the next read on, the case is gone from the feed again, history included.
        using (var withdraw = await world.Officer.Http.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent/withdraw", new { scopes = (string[])["PartnerSystems"], note = "Trakk samtykket" }))
        {
            Assert.Equal(["consent-withdrawn"], (await withdraw.OkJsonAsync()).EventTypes());
        }

        Assert.DoesNotContain((await kommune.FeedToEndAsync(start)).Events, e => e.CaseId == caseId);

        // What left through the feed is on record: which system, which case, how much of the details.
        var auditor = await world.UserAsync($"u-rita-{world.Suffix}", "Rita Revisor", "auditor");
        using var audit = await auditor.Http.GetAsync($"/api/v1/audit?caseId={caseId}&action=feed.read");
        var entries = (await audit.OkJsonAsync())["entries"]!.AsArray();
        Assert.Contains(entries, e => e!.Str("actorId") == $"system:kommune-system-{world.Suffix}" && e!.Str("access") == "HealthWithheld");
        Assert.DoesNotContain(entries, e => e!.Str("actorId")!.Contains("nav-system", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feed_IsForPartnerSystems_AndRefusesPositionsAndPageSizesItDidNotGive()
    {
        using var world = await TestWorld.CreateAsync(factory);
        using (var asUser = await world.Officer.Http.GetAsync("/api/v1/feed"))
        {
            await asUser.ProblemAsync(HttpStatusCode.Forbidden, "partner.systems-only");
        }

        using (var headAsUser = await world.Officer.Http.GetAsync("/api/v1/feed/head"))
        {
            await headAsUser.ProblemAsync(HttpStatusCode.Forbidden, "partner.systems-only");
        }

        using var system = await factory.SystemClientAsync($"kommune-system-{world.Suffix}", "Municipality", world.MunicipalityId);
        foreach (var after in new[] { "abc", "12", "-1-2", "1-", "1-2-3", "18446744073709551616-1" })
        {
            using var bad = await system.GetAsync($"/api/v1/feed?after={Uri.EscapeDataString(after)}");
            await bad.ProblemAsync(HttpStatusCode.BadRequest, "feed.position-invalid");
        }

        foreach (var max in new[] { 0, 501 })
        {
            using var bad = await system.GetAsync($"/api/v1/feed?max={max}");
            await bad.ProblemAsync(HttpStatusCode.BadRequest, "query.invalid");
        }
    }

    [Fact]
    public async Task Feed_ResumedFromAReturnedPosition_YieldsExactlyTheLaterEvents()
    {
        using var world = await TestWorld.CreateAsync(factory);
        using var system = await factory.SystemClientAsync($"kommune-system-{world.Suffix}", "Municipality", world.MunicipalityId);
        var start = await system.FeedHeadAsync();
        var caseId = await world.OpenCaseWithHousingOwnedByColleagueAsync(consent: false);
        await world.ConsentAsync(caseId, "PartnerSystems");
        for (var i = 0; i < 3; i++)
        {
            await world.ProposeAsync(caseId, $"Forslag {i}");
        }

        // Small pages, so positions inside pages and across them are both resumed from.
        var (all, end) = await system.FeedToEndAsync(start, max: 2);
        var mine = all.Where(e => e.CaseId == caseId).ToList();
        Assert.Equal(await world.EventCountAsync(caseId), mine.Count);
        for (var k = 0; k < mine.Count; k++)
        {
            var (rest, _) = await system.FeedToEndAsync(mine[k].Position, max: 3);
            Assert.Equal(mine.Skip(k + 1), rest.Where(e => e.CaseId == caseId));
        }

        // What is written later follows the last position read, and only it. A reader is held back while any older
        // transaction is still open (other tests write at the same time), so it reads again until the event is there.
        await world.ProposeAsync(caseId, "Etter");
        var (later, _) = await Api.EventuallyAsync(
            () => system.FeedToEndAsync(end), page => page.Events.Any(e => e.CaseId == caseId), "the later event in the feed");
        var after = Assert.Single(later, e => e.CaseId == caseId);
        Assert.Equal(mine[^1].Version + 1, after.Version);
        Assert.Equal("proposal-submitted", after.Type);
    }

    [Fact]
    [Trait("Store", "PostgreSQL")]
    public async Task Feed_HoldsBackEventsOfNewerTransactions_WhileAnOlderTransactionIsStillOpen()
    {
        using var world = await TestWorld.CreateAsync(factory);
        using var system = await factory.SystemClientAsync($"kommune-system-{world.Suffix}", "Municipality", world.MunicipalityId);
        var caseId = await world.OpenCaseAsync(consent: false);
        await world.ConsentAsync(caseId, "PartnerSystems");
        var start = await system.FeedHeadAsync();

        // A writer that has begun and not yet committed: whatever it writes would be numbered before what commits
        // after it, so nothing behind it may be passed yet.
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var open = await connection.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("SELECT pg_current_xact_id()", connection, open))
        {
            await xid.ExecuteScalarAsync();
        }

        await world.ProposeAsync(caseId, "Mens en annen skriver");
        var (held, next) = await system.FeedToEndAsync(start);
        Assert.DoesNotContain(held, e => e.CaseId == caseId && e.Version == 4);

        // Released once the writer commits — and once no other writer in the database (other tests, the outboxes) that
        // began before it is still open, so it is awaited rather than read once.
        await open.CommitAsync();
        var (released, _) = await Api.EventuallyAsync(() => system.FeedToEndAsync(next), r => r.Events.Any(e => e.CaseId == caseId), "the held event is released");
        Assert.Equal(4, Assert.Single(released, e => e.CaseId == caseId).Version);
    }

    [Fact]
    public async Task Feed_PagedWhileManyCasesAreWritten_YieldsEveryEventExactlyOnce_InEachCasesOrder()
    {
        const int Cases = 8;
        const int EditsPerCase = 12;
        using var world = await TestWorld.CreateAsync(factory);
        using var system = await factory.SystemClientAsync($"kommune-system-{world.Suffix}", "Municipality", world.MunicipalityId);
        var start = await system.FeedHeadAsync();
        var caseIds = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var caseId = await world.OpenCaseAsync(consent: false);
            await world.ConsentAsync(caseId, "PartnerSystems");
            caseIds.Add(caseId);
        }

        // Every case written at once, each by its own grain, while the system pages through the feed in small pages.
        var writers = Task.WhenAll(caseIds.Select(caseId => Task.Run(async () =>
        {
            for (var n = 0; n < EditsPerCase; n++)
            {
                await world.ProposeAsync(caseId, $"Forslag {n}");
            }
        })));
        var seen = new List<FeedItem>();
        var after = start;
        var pages = 0;
        while (!writers.IsCompleted)
        {
            var (events, next) = await system.FeedPageAsync(after, 7);
            seen.AddRange(events);
            after = next;
            pages++;
        }

        await writers;
        var (rest, _) = await system.FeedToEndAsync(after, 7);
        seen.AddRange(rest);

        var mine = seen.Where(e => caseIds.Contains(e.CaseId)).ToList();
        foreach (var caseId in caseIds)
        {
            var versions = mine.Where(e => e.CaseId == caseId).Select(e => e.Version).ToList();
            Assert.Equal(Enumerable.Range(1, 3 + EditsPerCase).Select(v => (long)v), versions.Order());
        }

        // One order: positions only grow, and each case's versions come in order within it.
        var positions = mine.Select(e => Position(e.Position)).ToList();
        Assert.All(positions.Zip(positions.Skip(1)), pair => Assert.True(pair.First.CompareTo(pair.Second) < 0, $"{pair.First} before {pair.Second}"));
        foreach (var caseId in caseIds)
        {
            var versions = mine.Where(e => e.CaseId == caseId).Select(e => e.Version).ToList();
            Assert.Equal(versions.Order(), versions);
        }

        Assert.True(pages > 1, "The feed was read while the cases were written.");
    }
}
