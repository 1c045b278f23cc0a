using System.Text;
using CaseGrid.Contracts.Cases;
using Npgsql;

namespace CaseGrid.Grains.Storage;

/// <summary>
/// The case event log in PostgreSQL: table <c>case_events</c>, primary key (case_id, version). Payloads are sealed
/// (column <c>sealed</c>) under the case's data key; the <c>payload</c> column holds only events written before sealing.
/// </summary>
public sealed class PostgresCaseEventStore(NpgsqlDataSource dataSource, ICaseKeyStore keys, CaseKeyWrapping wrapping) : ICaseEventStore
{
    private const string ReadSql = """
        SELECT version, actor_id, client_id, occurred_at, payload::text, sealed, NULL::bytea, NULL::text, command_id, command_hash
        FROM case_events
        WHERE case_id = $1 AND version > $2
        ORDER BY version
        LIMIT $3
        """;

    // For a reader that does not hold the case's key: the wrapped key comes with the rows, in the same round trip.
    private const string ReadWithKeySql = """
        SELECT e.version, e.actor_id, e.client_id, e.occurred_at, e.payload::text, e.sealed, k.wrapped_key, k.master_key, e.command_id, e.command_hash
        FROM case_events e LEFT JOIN case_keys k ON k.case_id = e.case_id
        WHERE e.case_id = $1 AND e.version > $2
        ORDER BY e.version
        LIMIT $3
        """;

    // One statement for the whole batch, however many cases it holds: it commits or fails as a unit. The rows keep
    // the arrays' order, so each case's versions take ascending feed positions.
    private const string AppendSql = """
        INSERT INTO case_events (case_id, version, event_type, sealed, actor_id, client_id, occurred_at, command_id, command_hash)
        SELECT c, v, t, s, a, cl, o, k, h
        FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bytea[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[]) AS e(c, v, t, s, a, cl, o, k, h)
        """;

    private const string FindCommandSql = """
        SELECT min(version), max(version), max(command_hash)
        FROM case_events
        WHERE case_id = $1 AND command_id = $2 AND actor_id = $3 AND client_id IS NOT DISTINCT FROM $4
        HAVING count(*) > 0
        """;

    /// <summary>Commits under way at once; appends that arrive meanwhile wait and go together in the next one.</summary>
    public const int MaxCommitsInFlight = 4;

    /// <summary>The most event rows one commit carries.</summary>
    private const int MaxRowsPerCommit = 512;

    private readonly Queue<PendingAppend> _queue = new();
    private int _committers;

    /// <inheritdoc />
    public async Task<IReadOnlyList<CaseEventRecord>> ReadAsync(string caseId, long afterVersion, int max, CaseDataKey? key = null, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(key is null ? ReadWithKeySql : ReadSql);
        cmd.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = caseId });
        cmd.Parameters.Add(new NpgsqlParameter<long>() { TypedValue = afterVersion });
        cmd.Parameters.Add(new NpgsqlParameter<int>() { TypedValue = max });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var records = new List<CaseEventRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (key is null && !reader.IsDBNull(5))
            {
                key = reader.IsDBNull(6)
                    ? throw new CaseErasedException($"Case '{caseId}' was erased: its events cannot be read.")
                    : PostgresCaseKeyStore.Unwrap(caseId, reader.GetFieldValue<byte[]>(6), reader.GetString(7), wrapping);
            }

            records.Add(Record(
                caseId,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                key));
        }

        return records;
    }

    /// <summary>
    /// An event from its row: the plaintext <paramref name="json"/> of an event from before sealing, or its
    /// <paramref name="sealedPayload"/> opened under <paramref name="key"/>.
    /// </summary>
    internal static CaseEventRecord Record(
        string caseId, long version, string actorId, string? clientId, DateTimeOffset occurredAt, string? json, byte[]? sealedPayload, string? commandId, string? commandHash, CaseDataKey? key)
    {
        if (sealedPayload is not null)
        {
            json = Encoding.UTF8.GetString((key ?? throw new CaseErasedException($"Case '{caseId}' was erased: its events cannot be read.")).Open(version, sealedPayload));
        }

        return new CaseEventRecord(caseId, version, SharedStrings.Share(actorId), SharedStrings.Share(clientId), occurredAt, CaseEventJson.Deserialize(json!), commandId, commandHash);
    }

    /// <inheritdoc />
    public async Task<CommandSpan?> FindCommandAsync(string caseId, string actorId, string? clientId, string commandId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(FindCommandSql);
        cmd.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = caseId });
        cmd.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = commandId });
        cmd.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = actorId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)clientId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new CommandSpan(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)) : null;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyList<CaseEventRecord>> ReadAllCasesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // In primary-key order, so the index streams it; a case's wrapped key comes with its first event only.
        await using var cmd = dataSource.CreateCommand("""
            SELECT e.case_id, e.version, e.actor_id, e.client_id, e.occurred_at, e.payload::text, e.sealed, k.wrapped_key, k.master_key
            FROM case_events e LEFT JOIN case_keys k ON k.case_id = e.case_id AND e.version = 1
            WHERE NOT EXISTS (SELECT 1 FROM case_erasures x WHERE x.case_id = e.case_id)
            ORDER BY e.case_id, e.version
            """);
        cmd.CommandTimeout = 0;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        string? caseId = null;
        CaseDataKey? key = null;
        var log = new List<CaseEventRecord>();
        var unreadable = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            var rowCase = reader.GetString(0);
            if (rowCase != caseId)
            {
                if (caseId is not null && !unreadable)
                {
                    yield return log;
                }

                (caseId, log, unreadable) = (rowCase, [], false);
                key = reader.IsDBNull(7) ? null : PostgresCaseKeyStore.Unwrap(rowCase, reader.GetFieldValue<byte[]>(7), reader.GetString(8), wrapping);
            }

            if (unreadable)
            {
                continue;
            }

            var version = reader.GetInt64(1);
            string json;
            if (reader.IsDBNull(6))
            {
                json = reader.GetString(5);
            }
            else if (key is null)
            {
                // Erased while this read ran: left out like the others.
                unreadable = true;
                continue;
            }
            else
            {
                json = Encoding.UTF8.GetString(key.Open(version, reader.GetFieldValue<byte[]>(6)));
            }

            log.Add(new CaseEventRecord(rowCase, version, SharedStrings.Share(reader.GetString(2)), reader.IsDBNull(3) ? null : SharedStrings.Share(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4), CaseEventJson.Deserialize(json)));
        }

        if (caseId is not null && !unreadable)
        {
            yield return log;
        }
    }

    /// <inheritdoc />
    public async Task<bool> HasUnsealedAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM case_events WHERE case_id = $1 AND payload IS NOT NULL)");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseId });
        return await cmd.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListCaseIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Each case's first event; the primary key index answers this without a sort. Erased cases are left out.
        await using var cmd = dataSource.CreateCommand(
            "SELECT e.case_id FROM case_events e WHERE e.version = 1 AND NOT EXISTS (SELECT 1 FROM case_erasures x WHERE x.case_id = e.case_id)");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetString(0);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListCaseIdsWithEventAsync(string eventType, int max, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT DISTINCT case_id FROM case_events WHERE event_type = $1 ORDER BY case_id LIMIT $2");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventType });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetString(0);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Group commit: appends that arrive while <see cref="MaxCommitsInFlight"/> commits are already under way wait and
    /// are then written together, many cases in one statement and one transaction, so they share one round trip and
    /// one flush of the write-ahead log. An append alone is written at once. Each caller returns only when its own
    /// events are committed; once queued an append is written whatever the token says.
    /// </remarks>
    public async Task AppendAsync(string caseId, IReadOnlyList<CaseEventRecord> records, CaseDataKey? key = null, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        key ??= await keys.GetOrCreateAsync(caseId, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var append = new PendingAppend(caseId, records, key);
        bool startCommitter;
        lock (_queue)
        {
            _queue.Enqueue(append);
            startCommitter = _committers < MaxCommitsInFlight;
            if (startCommitter)
            {
                _committers++;
            }
        }

        // The commits run on the thread pool, not in the caller's turn: a grain waits only for its own events.
        if (startCommitter)
        {
            _ = Task.Run(CommitQueuedAsync, CancellationToken.None);
        }

        await append.Committed.Task;
    }

    /// <summary>Write what is queued, batch after batch, until nothing is; every queued append has a committer to come.</summary>
    private async Task CommitQueuedAsync()
    {
        while (TakeBatch() is { Count: > 0 } batch)
        {
            await CommitAsync(batch);
        }
    }

    /// <summary>
    /// The next appends to write together, in the order they came. When none are left this committer stops, under the
    /// same lock an append is queued under, so no append is left without one.
    /// </summary>
    private List<PendingAppend> TakeBatch()
    {
        var batch = new List<PendingAppend>();
        var rows = 0;
        lock (_queue)
        {
            while (_queue.TryPeek(out var next) && (batch.Count == 0 || rows + next.Rows.Length <= MaxRowsPerCommit))
            {
                batch.Add(_queue.Dequeue());
                rows += next.Rows.Length;
            }

            if (batch.Count == 0)
            {
                _committers--;
            }
        }

        return batch;
    }

    /// <summary>Write a batch as one statement. A version already taken fails the whole statement (nothing is written); each append is then tried alone, so only the one that lost the race fails.</summary>
    private async Task CommitAsync(List<PendingAppend> batch)
    {
        try
        {
            await InsertAsync(batch);
            batch.ForEach(a => a.Committed.TrySetResult());
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && batch.Count > 1)
        {
            foreach (var append in batch)
            {
                await CommitAsync([append]);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            var append = batch[0];
            append.Committed.TrySetException(new CaseVersionConflictException($"Case '{append.CaseId}' already has version {append.Rows[0].Version}.", e));
        }
        catch (Exception e)
        {
            batch.ForEach(a => a.Committed.TrySetException(e));
        }
    }

    private async Task InsertAsync(List<PendingAppend> batch)
    {
        var rows = batch.Sum(a => a.Rows.Length);
        var caseIds = new string[rows];
        var versions = new long[rows];
        var types = new string[rows];
        var payloads = new byte[rows][];
        var actors = new string[rows];
        var clients = new string?[rows];
        var occurred = new DateTimeOffset[rows];
        var commands = new string?[rows];
        var hashes = new string?[rows];
        var i = 0;
        foreach (var append in batch)
        {
            foreach (var row in append.Rows)
            {
                caseIds[i] = append.CaseId;
                versions[i] = row.Version;
                types[i] = row.Type;
                payloads[i] = row.Payload;
                actors[i] = row.ActorId;
                clients[i] = row.ClientId;
                occurred[i] = row.OccurredAt;
                commands[i] = row.CommandId;
                hashes[i] = row.CommandHash;
                i++;
            }
        }

        // A connection the server closed since its last use (a restart of PostgreSQL) fails before the statement
        // runs, so it is safe to send once more on a fresh one.
        for (var attempt = 0; ; attempt++)
        {
            await using var cmd = dataSource.CreateCommand(AppendSql);
            cmd.Parameters.Add(new NpgsqlParameter<string[]>() { TypedValue = caseIds });
            cmd.Parameters.Add(new NpgsqlParameter<long[]>() { TypedValue = versions });
            cmd.Parameters.Add(new NpgsqlParameter<string[]>() { TypedValue = types });
            cmd.Parameters.Add(new NpgsqlParameter<byte[][]>() { TypedValue = payloads });
            cmd.Parameters.Add(new NpgsqlParameter<string[]>() { TypedValue = actors });
            cmd.Parameters.Add(new NpgsqlParameter<string?[]>() { TypedValue = clients });
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>() { TypedValue = occurred });
            cmd.Parameters.Add(new NpgsqlParameter<string?[]>() { TypedValue = commands });
            cmd.Parameters.Add(new NpgsqlParameter<string?[]>() { TypedValue = hashes });
            try
            {
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt == 0 && e.SqlState == PostgresErrorCodes.AdminShutdown)
            {
            }
        }
    }

    /// <summary>One case's append waiting for its commit; its events are turned into sealed rows by the caller, not the committer.</summary>
    private sealed class PendingAppend(string caseId, IReadOnlyList<CaseEventRecord> records, CaseDataKey key)
    {
        public string CaseId { get; } = caseId;

        public Row[] Rows { get; } = [.. records.Select(r => new Row(
            r.Version, CaseEventJson.TypeName(r.Event), key.Seal(r.Version, CaseEventJson.SerializeToUtf8Bytes(r.Event)), r.ActorId, r.ClientId, r.OccurredAt.ToUniversalTime(), r.CommandId, r.CommandHash))];

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly record struct Row(long Version, string Type, byte[] Payload, string ActorId, string? ClientId, DateTimeOffset OccurredAt, string? CommandId, string? CommandHash);
}
