using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Api.Partners;

/// <summary>
/// Reads the partner feed: every case's events in one order that only grows at the end, for one partner system. The
/// order and which cases the system could read at all (the partner index, so no other case's grain is woken) come from
/// the configured <see cref="IFeedStore"/>; what the system may see of each case is the case grain's decision, made on
/// the case as it stands when the feed is read.
/// </summary>
public sealed class FeedReader(IFeedStore store, IGrainFactory grains, Audit.AuditLog audit)
{
    /// <summary>Largest page.</summary>
    public const int MaxPage = 500;

    /// <summary>Up to <paramref name="max"/> events after <paramref name="after"/>, as <paramref name="system"/> may see them.</summary>
    public async Task<FeedPage> ReadAsync(ActorRef system, FeedPosition after, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var rows = await store.ReadAsync(after, Math.Clamp(max, 1, MaxPage), system.SystemUnitId, cancellationToken);
        if (rows.Count == 0)
        {
            return new FeedPage([], after.ToString());
        }

        // One call per case for the versions in this page, only to cases the index lets the system read; the case decides
        // what it may see of them, and one it may not read is left out whole.
        var reads = await Task.WhenAll(rows.Where(r => r.MayRead).GroupBy(r => r.CaseId, StringComparer.Ordinal).Select(async rowsOfCase =>
        {
            var from = rowsOfCase.Min(r => r.Version);
            var to = rowsOfCase.Max(r => r.Version);
            return await grains.Case(rowsOfCase.Key).GetEventsAsync(system, from - 1, (int)(to - from + 1));
        }));
        var shown = reads.Where(page => page.Error is null && !page.Events.IsEmpty).ToList();

        // Every case whose events leave through the feed is a read on record, with how much of the details went.
        foreach (var page in shown)
        {
            await audit.RecordAsync(system, "feed.read", page.Events[0].CaseId, $"versions {page.Events[0].Version}–{page.Events[^1].Version}", page.Access.ToString(), cancellationToken);
        }

        var visible = shown.SelectMany(page => page.Events).ToDictionary(e => (e.CaseId, e.Version));
        var events = rows
            .Where(r => visible.ContainsKey((r.CaseId, r.Version)))
            .Select(r => FeedEvent.From(r.Position, visible[(r.CaseId, r.Version)]))
            .ToImmutableArray();
        return new FeedPage(events, rows[^1].Position.ToString());
    }

    /// <summary>One event as <paramref name="system"/> may see it now; the refusal when it may not; neither when the case has no such version.</summary>
    public async Task<(FeedEvent? Event, DomainError? Refusal)> ReadOneAsync(ActorRef system, FeedPosition position, string caseId, long version)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (await ReachRefusalAsync(system, caseId) is { } refusal)
        {
            return (null, refusal);
        }

        var page = await grains.Case(caseId).GetEventsAsync(system, version - 1, 1);
        if (page.Error is not null)
        {
            return (null, page.Error);
        }

        if (page.Events.FirstOrDefault(e => e.Version == version) is not { } record)
        {
            return (null, null);
        }

        await audit.RecordAsync(system, "webhook.event", caseId, $"version {version}", page.Access.ToString());
        return (FeedEvent.From(position, record), null);
    }

    /// <summary>The position of the last event that can be read now: reading after it yields only what comes later.</summary>
    public Task<FeedPosition> HeadAsync(CancellationToken cancellationToken) => store.HeadAsync(cancellationToken);

    /// <summary>The refusal the partner index gives without asking the case; null when it lets the system read it, or has no word of it.</summary>
    private async Task<DomainError?> ReachRefusalAsync(ActorRef system, string caseId) =>
        await store.ReachAsync(caseId, system.SystemUnitId, CancellationToken.None) switch
        {
            null => null,
            { Consent: false } => new DomainError(ErrorKind.Forbidden, "consent.partner-systems", "The person has not consented to sharing the plan with the agencies' own systems."),
            { Involved: false } => new DomainError(ErrorKind.Forbidden, "case.not-involved", "The case does not concern the unit this system acts for."),
            _ => null,
        };
}
