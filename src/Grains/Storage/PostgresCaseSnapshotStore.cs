using CaseGrid.Contracts.Cases;
using Npgsql;

namespace CaseGrid.Grains.Storage;

/// <summary>
/// Case snapshots in PostgreSQL (<c>case_snapshots</c>, one row per case). An activation's first read — the key, the
/// snapshot and the first page of events — is one statement, so it sees one moment of the case.
/// </summary>
public sealed class PostgresCaseSnapshotStore(NpgsqlDataSource dataSource, CaseKeyWrapping wrapping) : ICaseSnapshotStore
{
    // A first row with the key, the erasure and the snapshot, then the events from the snapshot's version (when it is of
    // the fold asked for) or from the first. A case with nothing stored still gets its first row.
    private const string OpenSql = """
        WITH s AS (SELECT version, fold_version, sealed FROM case_snapshots WHERE case_id = $1)
        SELECT 0, s.version, k.master_key, NULL::text, NULL::timestamptz, NULL::text, s.sealed, NULL::text, k.wrapped_key,
               EXISTS (SELECT 1 FROM case_erasures x WHERE x.case_id = $1), s.fold_version, NULL::text
        FROM (SELECT 1) AS one LEFT JOIN case_keys k ON k.case_id = $1 LEFT JOIN s ON true
        UNION ALL
        (SELECT 1, e.version, e.actor_id, e.client_id, e.occurred_at, e.payload::text, e.sealed, e.command_id, NULL::bytea, NULL::boolean, NULL::integer, e.command_hash
         FROM case_events e
         WHERE e.case_id = $1 AND e.version >= COALESCE((SELECT version FROM s WHERE fold_version = $2), 1)
         ORDER BY e.version
         LIMIT $3)
        """;

    // Only forward within a fold; a snapshot of another fold is replaced. A case without a key (erased) gets none: the
    // key's row is share-locked, so an erasure deleting it waits for this write and then deletes the snapshot with it.
    private const string WriteSql = """
        INSERT INTO case_snapshots (case_id, version, fold_version, sealed)
        SELECT $1, $2, $3, $4 FROM case_keys WHERE case_id = $1 FOR KEY SHARE
        ON CONFLICT (case_id) DO UPDATE
            SET version = EXCLUDED.version, fold_version = EXCLUDED.fold_version, sealed = EXCLUDED.sealed, saved_at = now()
            WHERE $5 OR case_snapshots.fold_version <> EXCLUDED.fold_version OR case_snapshots.version < EXCLUDED.version
        """;

    /// <inheritdoc />
    public async Task<CaseOpening> OpenAsync(string caseId, int foldVersion, int max, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(OpenSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = foldVersion });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        CaseKeyLookup? lookup = null;
        SealedSnapshot? snapshot = null;
        var rows = new List<EventRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetInt32(0) == 0)
            {
                var erased = reader.GetBoolean(9);
                lookup = new CaseKeyLookup(
                    erased || reader.IsDBNull(8) ? null : PostgresCaseKeyStore.Unwrap(caseId, reader.GetFieldValue<byte[]>(8), reader.GetString(2), wrapping),
                    erased);
                snapshot = erased || reader.IsDBNull(1) ? null : new SealedSnapshot(reader.GetInt64(1), reader.GetInt32(10), reader.GetFieldValue<byte[]>(6));
                continue;
            }

            rows.Add(new EventRow(
                reader.GetInt64(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        lookup ??= new CaseKeyLookup(null, false);
        if (lookup.Erased)
        {
            return new CaseOpening(lookup, null, [], 1);
        }

        // The rows are opened once the key is known, whichever order the statement gave them in.
        rows.Sort((a, b) => a.Version.CompareTo(b.Version));
        IReadOnlyList<CaseEventRecord> events = [.. rows.Select(r => PostgresCaseEventStore.Record(caseId, r.Version, r.ActorId, r.ClientId, r.OccurredAt, r.Json, r.Sealed, r.CommandId, r.CommandHash, lookup.Key))];
        return new CaseOpening(lookup, snapshot, events, snapshot is { } s && s.FoldVersion == foldVersion ? s.Version : 1);
    }

    /// <inheritdoc />
    public async Task WriteAsync(string caseId, SealedSnapshot snapshot, bool replace = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var cmd = dataSource.CreateCommand(WriteSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.Version });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = snapshot.FoldVersion });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = snapshot.Sealed });
        cmd.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = replace });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private readonly record struct EventRow(long Version, string ActorId, string? ClientId, DateTimeOffset OccurredAt, string? Json, byte[]? Sealed, string? CommandId, string? CommandHash);
}
