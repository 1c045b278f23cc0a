using Npgsql;

namespace CaseGrid.Api.Partners;

/// <summary>
/// The feed in PostgreSQL: the order is the event log's (<c>case_events.tx, seq</c>), tx taken from the feed's clock
/// (deploy/sql/018-casegrid-feed-clock.sql), read only up to the transactions older than every one still running, so an
/// event numbered earlier but committed later cannot appear behind a position a reader has passed. The partner index
/// (<c>case_partner_index</c>) is joined in the same statement.
/// </summary>
public sealed class PostgresFeedStore(NpgsqlDataSource dataSource) : IFeedStore
{
    // (The text of tx is named apart: ORDER BY tx would sort by it.) A case without an index row (written before the
    // index) is asked.
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

    /// <inheritdoc />
    public async Task<IReadOnlyList<FeedEntry>> ReadAsync(FeedPosition after, int max, string? unitId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(RowsSql);
        FeedSql.AddPosition(cmd.Parameters, after);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)unitId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<FeedEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new FeedEntry(FeedSql.Position(reader), reader.GetString(2), reader.GetInt64(3), !reader.IsDBNull(4) && reader.GetBoolean(4)));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<FeedPosition> HeadAsync(CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(HeadSql);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? FeedSql.Position(reader) : FeedPosition.Start;
    }

    /// <inheritdoc />
    public async Task<PartnerReachRow?> ReachAsync(string caseId, string? unitId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(ReachSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)unitId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new PartnerReachRow(reader.GetBoolean(0), !reader.IsDBNull(1) && reader.GetBoolean(1));
    }
}
