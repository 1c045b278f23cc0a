using Npgsql;

namespace CaseGrid.Api.Infrastructure.Idempotency;

/// <summary>Kept answers in PostgreSQL: table <c>idempotency_keys</c>, primary key (caller, key).</summary>
public sealed class PostgresIdempotencyStore(NpgsqlDataSource dataSource) : IIdempotencyStore
{
    /// <inheritdoc />
    public async Task<bool> ClaimAsync(string caller, string key, string requestHash, TimeSpan abandonedAfter, CancellationToken cancellationToken)
    {
        await using var claim = dataSource.CreateCommand("""
            INSERT INTO idempotency_keys (caller, key, request_hash) VALUES ($1, $2, $3)
            ON CONFLICT (caller, key) DO UPDATE SET created_at = now()
            WHERE idempotency_keys.status_code IS NULL AND idempotency_keys.request_hash = EXCLUDED.request_hash
              AND idempotency_keys.created_at < now() - $4
            """);
        claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
        claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = requestHash });
        claim.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = abandonedAfter });
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<KeptAnswer?> FindAsync(string caller, string key, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand("SELECT request_hash, status_code, content_type, body, location FROM idempotency_keys WHERE caller = $1 AND key = $2");
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await using var row = await read.ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new KeptAnswer(
            row.GetString(0),
            row.IsDBNull(1) ? null : row.GetInt32(1),
            row.IsDBNull(2) ? null : row.GetString(2),
            row.IsDBNull(3) ? null : row.GetFieldValue<byte[]>(3),
            row.IsDBNull(4) ? null : row.GetString(4));
    }

    /// <inheritdoc />
    public async Task KeepAsync(string caller, string key, KeptAnswer answer, string? caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var store = dataSource.CreateCommand(
            "UPDATE idempotency_keys SET status_code = $3, content_type = $4, body = $5, location = $6, case_id = $7 WHERE caller = $1 AND key = $2");
        store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
        store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        store.Parameters.Add(new NpgsqlParameter { Value = (object?)answer.StatusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        store.Parameters.Add(new NpgsqlParameter { Value = (object?)answer.ContentType ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        store.Parameters.Add(new NpgsqlParameter { Value = (object?)answer.SealedBody ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        store.Parameters.Add(new NpgsqlParameter { Value = (object?)answer.Location ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        store.Parameters.Add(new NpgsqlParameter { Value = (object?)caseId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await store.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task ForgetClaimAsync(string caller, string key, CancellationToken cancellationToken)
    {
        await using var forget = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND status_code IS NULL");
        forget.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
        forget.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await forget.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task ForgetOlderThanAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE created_at < now() - $1");
        cmd.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = age });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
