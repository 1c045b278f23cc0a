using System.Collections.Immutable;
using System.Globalization;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using Npgsql;

namespace CaseGrid.Api.Partners;

/// <summary>
/// Reads the partner feed: every case's events in one order that only grows at the end, for one partner system. The
/// order comes from the event log (<c>case_events.tx, seq</c>); what the system may see of each case is the case
/// grain's decision, made on the case as it stands when the feed is read.
/// </summary>
public sealed class FeedReader(NpgsqlDataSource dataSource, IGrainFactory grains, Audit.AuditLog audit)
{
    /// <summary>Largest page.</summary>
    public const int MaxPage = 500;

    // Only transactions older than every one still running, on the feed's clock (deploy/sql/016-casegrid-feed-clock.sql):
    // an event numbered earlier but committed later cannot appear behind a position a reader has passed. (The text of tx
    // is named apart: ORDER BY tx would sort by it.)
    private const string RowsSql = """
        SELECT tx::text AS tx_text, seq, case_id, version
        FROM case_events
        WHERE (tx, seq) > ($1::xid8, $2) AND tx < casegrid_feed_horizon()
        ORDER BY tx, seq
        LIMIT $3
        """;

    private const string HeadSql = """
        SELECT tx::text AS tx_text, seq
        FROM case_events
        WHERE tx < casegrid_feed_horizon()
        ORDER BY tx DESC, seq DESC
        LIMIT 1
        """;

    /// <summary>Up to <paramref name="max"/> events after <paramref name="after"/>, as <paramref name="system"/> may see them.</summary>
    public async Task<FeedPage> ReadAsync(ActorRef system, FeedPosition after, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var rows = await RowsAsync(after, Math.Clamp(max, 1, MaxPage), cancellationToken);
        if (rows.Count == 0)
        {
            return new FeedPage([], after.ToString());
        }

        // One call per case for the versions in this page; a case the system may not read is left out whole.
        var reads = await Task.WhenAll(rows.GroupBy(r => r.CaseId, StringComparer.Ordinal).Select(async rowsOfCase =>
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
    public async Task<FeedPosition> HeadAsync(CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(HeadSql);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Position(reader) : FeedPosition.Start;
    }

    /// <summary>A feed position as a query parameter pair (<c>$n::xid8</c>, <c>$n+1</c>).</summary>
    internal static void AddPosition(NpgsqlParameterCollection parameters, FeedPosition position)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = position.Tx.ToString(CultureInfo.InvariantCulture) });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Seq });
    }

    /// <summary>The position in the reader's first two columns (<c>tx::text</c>, <c>seq</c>).</summary>
    internal static FeedPosition Position(NpgsqlDataReader reader, int first = 0) =>
        new(ulong.Parse(reader.GetString(first), CultureInfo.InvariantCulture), reader.GetInt64(first + 1));

    private async Task<List<Row>> RowsAsync(FeedPosition after, int max, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(RowsSql);
        AddPosition(cmd.Parameters, after);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Row>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row(Position(reader), reader.GetString(2), reader.GetInt64(3)));
        }

        return rows;
    }

    private sealed record Row(FeedPosition Position, string CaseId, long Version);
}
