using System.Collections.Immutable;
using Npgsql;

namespace CaseGrid.Api.Audit;

/// <summary>The audit in PostgreSQL: table <c>audit_log</c>, append-only (its triggers refuse UPDATE and DELETE), ids from an identity.</summary>
public sealed class PostgresAuditStore(NpgsqlDataSource dataSource) : IAuditStore
{
    /// <inheritdoc />
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var cmd = dataSource.CreateCommand(
            "INSERT INTO public.audit_log (at, actor_id, actor_name, client_id, case_id, action, detail, access) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
        cmd.Parameters.AddWithValue(entry.At);
        cmd.Parameters.AddWithValue(entry.ActorId);
        cmd.Parameters.AddWithValue(entry.ActorName);
        cmd.Parameters.AddWithValue((object?)entry.ClientId ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)entry.CaseId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(entry.Action);
        cmd.Parameters.AddWithValue((object?)entry.Detail ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)entry.Access ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<AuditEntry>> QueryAsync(AuditQuery query, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT id, at, actor_id, actor_name, client_id, case_id, action, detail, access FROM public.audit_log
            WHERE ($1::text IS NULL OR case_id = $1) AND ($2::text IS NULL OR actor_id = $2)
              AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
              AND ($5::text IS NULL OR action = $5) AND ($6::bigint IS NULL OR id < $6)
            ORDER BY id DESC LIMIT $7
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.CaseId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.ActorId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.From ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.To ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Action ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Before ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.AddWithValue(max);
        var entries = ImmutableArray.CreateBuilder<AuditEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return entries.ToImmutable();
    }
}
