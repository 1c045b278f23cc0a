using CaseGrid.Contracts.Cases;
using Npgsql;
using NpgsqlTypes;

namespace CaseGrid.Grains.Storage;

/// <summary>The case event log in PostgreSQL: table <c>case_events</c>, primary key (case_id, version).</summary>
public sealed class PostgresCaseEventStore(NpgsqlDataSource dataSource) : ICaseEventStore
{
    private const string ReadSql = """
        SELECT version, actor_id, client_id, occurred_at, payload::text
        FROM case_events
        WHERE case_id = $1 AND version > $2
        ORDER BY version
        LIMIT $3
        """;

    // One statement for the whole batch: it commits or fails as a unit.
    private const string AppendSql = """
        INSERT INTO case_events (case_id, version, event_type, payload, actor_id, client_id, occurred_at)
        SELECT $1, v, t, p::jsonb, $5, $6, $7
        FROM unnest($2::bigint[], $3::text[], $4::text[]) AS e(v, t, p)
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyList<CaseEventRecord>> ReadAsync(string caseId, long afterVersion, int max, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(ReadSql);
        cmd.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = caseId });
        cmd.Parameters.Add(new NpgsqlParameter<long>() { TypedValue = afterVersion });
        cmd.Parameters.Add(new NpgsqlParameter<int>() { TypedValue = max });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var records = new List<CaseEventRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new CaseEventRecord(
                caseId,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                CaseEventJson.Deserialize(reader.GetString(4))));
        }

        return records;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListCaseIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Each case's first event; the primary key index answers this without a sort.
        await using var cmd = dataSource.CreateCommand("SELECT case_id FROM case_events WHERE version = 1");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetString(0);
        }
    }

    /// <inheritdoc />
    public async Task AppendAsync(string caseId, IReadOnlyList<CaseEventRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        var first = records[0];
        await using var cmd = dataSource.CreateCommand(AppendSql);
        cmd.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = caseId });
        cmd.Parameters.Add(new NpgsqlParameter<long[]>() { TypedValue = [.. records.Select(r => r.Version)] });
        cmd.Parameters.Add(new NpgsqlParameter<string[]>() { TypedValue = [.. records.Select(r => CaseEventJson.TypeName(r.Event))] });
        cmd.Parameters.Add(new NpgsqlParameter<string[]>() { TypedValue = [.. records.Select(r => CaseEventJson.Serialize(r.Event))] });
        cmd.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = first.ActorId });
        cmd.Parameters.Add(new NpgsqlParameter() { Value = (object?)first.ClientId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>() { TypedValue = first.OccurredAt.ToUniversalTime() });
        try
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new CaseVersionConflictException($"Case '{caseId}' already has version {first.Version}.", e);
        }
    }
}
