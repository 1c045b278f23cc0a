using System.Collections.Immutable;
using System.Globalization;
using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Common;
using Npgsql;

namespace CaseGrid.Api.Partners;

/// <summary>
/// Reads the partner feed: every case's events in one order that only grows at the end, for one partner system. The
/// order comes from the event log (<c>case_events.tx, seq</c>); which cases the system could read at all comes from the
/// partner index beside it (<c>case_partner_index</c>), so no other case's grain is woken; what the system may see of
/// each is the case grain's decision, made on the case as it stands when the feed is read.
/// </summary>
public sealed class FeedReader(NpgsqlDataSource dataSource, IGrainFactory grains, Audit.AuditLog audit)
{
    /// <summary>Largest page.</summary>
    public const int MaxPage = 500;

    // Only transactions older than every one still running, on the feed's clock (deploy/sql/018-casegrid-feed-clock.sql):
    // an event numbered earlier but committed later cannot appear behind a position a reader has passed. (The text of tx
    // is named apart: ORDER BY tx would sort by it.)
    // Each row says whether the partner index lets the system read its case at all (its unit concerned, the person's
    // consent); a case without an index row (written before the index) is asked. Only those cases are asked, so the feed
    // wakes no case the system may not see.
    private const string RowsSql = """
        SELECT e.tx::text AS tx_text, e.seq, e.case_id, e.version,
               (p.case_id IS NULL OR (p.partner_consent AND $4 = ANY (p.units))) AS may_read
        FROM case_events e
        LEFT JOIN case_partner_index p ON p.case_id = e.case_id
        WHERE (e.tx, e.seq) > ($1::xid8, $2) AND e.tx < casegrid_feed_horizon()
        ORDER BY e.tx, e.seq
        LIMIT $3
        """;

    private const string ReachSql = "SELECT partner_consent, $2 = ANY (units) FROM case_partner_index WHERE case_id = $1";

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
        var rows = await RowsAsync(after, Math.Clamp(max, 1, MaxPage), system.SystemUnitId, cancellationToken);
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

    /// <summary>The refusal the partner index gives without asking the case; null when it lets the system read it, or has no word of it.</summary>
    private async Task<DomainError?> ReachRefusalAsync(ActorRef system, string caseId)
    {
        await using var cmd = dataSource.CreateCommand(ReachSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)system.SystemUnitId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return !reader.GetBoolean(0) ? new DomainError(ErrorKind.Forbidden, "consent.partner-systems", "The person has not consented to sharing the plan with the agencies' own systems.")
            : reader.IsDBNull(1) || !reader.GetBoolean(1) ? new DomainError(ErrorKind.Forbidden, "case.not-involved", "The case does not concern the unit this system acts for.")
            : null;
    }

    private async Task<List<Row>> RowsAsync(FeedPosition after, int max, string? unitId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(RowsSql);
        AddPosition(cmd.Parameters, after);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)unitId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Row>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row(Position(reader), reader.GetString(2), reader.GetInt64(3), !reader.IsDBNull(4) && reader.GetBoolean(4)));
        }

        return rows;
    }

    private sealed record Row(FeedPosition Position, string CaseId, long Version, bool MayRead);
}
