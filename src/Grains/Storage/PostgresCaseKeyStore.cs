using CaseGrid.Contracts.Privacy;
using Npgsql;

namespace CaseGrid.Grains.Storage;

/// <summary>Per-case data keys in PostgreSQL (<c>case_keys</c>, wrapped under the master key) and erasures (<c>case_erasures</c>).</summary>
public sealed class PostgresCaseKeyStore(NpgsqlDataSource dataSource, CaseKeyWrapping wrapping) : ICaseKeyStore
{
    private const string FindSql = """
        SELECT (SELECT wrapped_key FROM case_keys WHERE case_id = $1),
               (SELECT master_key FROM case_keys WHERE case_id = $1),
               EXISTS (SELECT 1 FROM case_erasures WHERE case_id = $1)
        """;

    // A case that was erased never gets a key again: its id stays spent.
    private const string CreateSql = """
        INSERT INTO case_keys (case_id, master_key, wrapped_key)
        SELECT $1, $2, $3
        WHERE NOT EXISTS (SELECT 1 FROM case_erasures WHERE case_id = $1)
        ON CONFLICT (case_id) DO NOTHING
        """;

    /// <summary>
    /// A master key other than <paramref name="fingerprint"/> that some case's key is wrapped under; null when there is
    /// none. A database restored without the master key its backup was taken with has one.
    /// </summary>
    public static async Task<string?> ForeignMasterKeyAsync(NpgsqlDataSource dataSource, string fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var cmd = dataSource.CreateCommand("SELECT master_key FROM case_keys WHERE master_key <> $1 LIMIT 1");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fingerprint });
        return await cmd.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <inheritdoc />
    public async Task<CaseKeyLookup> FindAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(FindSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var erased = reader.GetBoolean(2);
        if (erased || reader.IsDBNull(0))
        {
            return new CaseKeyLookup(null, erased);
        }

        return new CaseKeyLookup(Unwrap(caseId, reader.GetFieldValue<byte[]>(0), reader.GetString(1), wrapping), false);
    }

    /// <summary>A stored key unwrapped; a key wrapped under another master key is named, not guessed at.</summary>
    public static CaseDataKey Unwrap(string caseId, byte[] wrapped, string masterKey, CaseKeyWrapping wrapping)
    {
        ArgumentNullException.ThrowIfNull(wrapping);
        return masterKey == wrapping.Fingerprint
            ? CaseDataKey.Unwrap(caseId, wrapped, wrapping)
            : throw new InvalidOperationException($"The key of case {caseId} was wrapped under master key {masterKey}; this process has {wrapping.Fingerprint}.");
    }

    /// <inheritdoc />
    public async Task<CaseDataKey> GetOrCreateAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var key = CaseDataKey.New(caseId);
        await using (var cmd = dataSource.CreateCommand(CreateSql))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = wrapping.Fingerprint });
            cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = key.Wrap(wrapping) });
            if (await cmd.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return key;
            }
        }

        // Another writer made it first, or the case was erased.
        var found = await FindAsync(caseId, cancellationToken);
        return found.Key ?? throw new CaseErasedException($"Case '{caseId}' was erased.");
    }

    /// <inheritdoc />
    public async Task EraseAsync(string caseId, string erasedBy, string? clientId, ErasureReason reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("INSERT INTO case_erasures (case_id, erased_by, client_id, reason) VALUES ($1, $2, $3, $4) ON CONFLICT (case_id) DO NOTHING",
                    caseId, erasedBy, clientId, ReasonCode(reason)),
                Command("DELETE FROM case_keys WHERE case_id = $1", caseId),
                Command("DELETE FROM idempotency_keys WHERE case_id = $1", caseId),
                Command("DELETE FROM case_snapshots WHERE case_id = $1", caseId),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The stored code of a reason (kebab case, as in the API).</summary>
    public static string ReasonCode(ErasureReason reason) => reason switch
    {
        ErasureReason.RetentionExpired => "retention-expired",
        ErasureReason.PersonRequest => "person-request",
        ErasureReason.RegisteredInError => "registered-in-error",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    private static NpgsqlBatchCommand Command(string sql, params string?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        }

        return command;
    }
}
