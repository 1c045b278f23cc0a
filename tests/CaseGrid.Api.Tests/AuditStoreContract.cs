using CaseGrid.Api.Audit;

namespace CaseGrid.Api.Tests;

/// <summary>What every audit store promises: each read kept whole, found by case, actor, kind and time, newest first, paged by id.</summary>
public abstract class AuditStoreContract(IAuditStore store)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 30, 23, 59, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reads_AreFound_ByCaseActorKindAndTime_NewestFirst_AndPagedById()
    {
        var caseId = $"case-audit-{Guid.NewGuid():N}";
        var entries = new[]
        {
            new AuditEntry(0, Day, "u-kari", "Kari Nilsen", null, caseId, "case.read", "version 3", "Full"),
            new AuditEntry(0, Day.AddSeconds(30), "system:bergen-fagsystem", "Bergen fagsystem", "bergen-fagsystem", caseId, "feed.read", "versions 1–3", "DetailsWithheld"),
            new AuditEntry(0, Day.AddDays(1), "u-kari", "Kari Nilsen", null, caseId, "case.events", null, "Refused"),
        };
        foreach (var entry in entries)
        {
            await store.AppendAsync(entry, CancellationToken.None);
        }

        var all = await store.QueryAsync(new AuditQuery(caseId, null, null, null, null, null, 10), 10, CancellationToken.None);
        Assert.Equal(entries.Reverse().Select(e => e with { Id = 0 }), all.Select(e => e with { Id = 0 }));
        Assert.True(all[0].Id > all[1].Id && all[1].Id > all[2].Id, "newer reads have larger ids");

        Assert.Equal(["case.events", "case.read"], (await store.QueryAsync(new AuditQuery(caseId, "u-kari", null, null, null, null, 10), 10, CancellationToken.None)).Select(e => e.Action));
        Assert.Equal("feed.read", Assert.Single(await store.QueryAsync(new AuditQuery(caseId, null, null, null, "feed.read", null, 10), 10, CancellationToken.None)).Action);
        Assert.Equal(["feed.read", "case.read"], (await store.QueryAsync(new AuditQuery(caseId, null, Day, Day.AddHours(1), null, null, 10), 10, CancellationToken.None)).Select(e => e.Action));
        Assert.Equal(["case.events"], (await store.QueryAsync(new AuditQuery(caseId, null, Day.AddMinutes(1), null, null, null, 10), 10, CancellationToken.None)).Select(e => e.Action));

        var first = await store.QueryAsync(new AuditQuery(caseId, null, null, null, null, null, 2), 2, CancellationToken.None);
        var rest = await store.QueryAsync(new AuditQuery(caseId, null, null, null, null, first[^1].Id, 2), 2, CancellationToken.None);
        Assert.Equal(all.Select(e => e.Id), first.Concat(rest).Select(e => e.Id));
    }
}
