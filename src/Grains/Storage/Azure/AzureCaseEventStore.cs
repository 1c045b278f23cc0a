using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CaseGrid.Contracts.Cases;

namespace CaseGrid.Grains.Storage.Azure;

/// <summary>
/// The case event log in an Azure table: partition = case id, row key = the version zero-padded to 19 digits. Each
/// append is one entity-group transaction of inserts, so it is written whole or not at all, and a version already in the
/// table fails it exactly as the primary key (case_id, version) does in PostgreSQL. Payloads are sealed under the case's
/// data key (<see cref="AzureCaseKeyStore"/>) and kept in binary properties of at most 64 KiB each. Each event carries
/// its place in the partner feed (<c>FeedPosition</c>), reserved before the append and published after it
/// (<see cref="AzureFeedLog"/>); a read that reaches the end of a case publishes what a writer that died left unpublished.
/// </summary>
public sealed class AzureCaseEventStore(AzureCaseTables tables, ICaseKeyStore keys) : ICaseEventStore
{
    private readonly AzureFeedLog _feed = new(tables);

    /// <summary>Per case, the last version this process knows to be published in the feed.</summary>
    private readonly ConcurrentDictionary<string, long> _published = new(StringComparer.Ordinal);

    /// <summary>The most events one append may carry: an entity-group transaction holds at most 100 entities.</summary>
    public const int MaxEventsPerAppend = 100;

    /// <inheritdoc />
    public async Task<IReadOnlyList<CaseEventRecord>> ReadAsync(string caseId, long afterVersion, int max, CaseDataKey? key = null, CancellationToken cancellationToken = default)
    {
        var table = await tables.EventsAsync();
        var records = new List<CaseEventRecord>();
        if (max <= 0)
        {
            return records;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey gt {AzureCaseTables.VersionKey(afterVersion)}");
        var positions = new List<(long Version, long Position)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            if (key is null)
            {
                var found = await keys.FindAsync(caseId, cancellationToken);
                key = found.Key ?? throw new CaseErasedException($"Case '{caseId}' was erased: its events cannot be read.");
            }

            var record = Open(caseId, row, key);
            records.Add(record);
            if (row.GetInt64("FeedPosition") is { } position)
            {
                positions.Add((record.Version, position));
            }

            if (records.Count == max)
            {
                break;
            }
        }

        if (records.Count < max && records.Count > 0 && records[^1].Version > _published.GetValueOrDefault(caseId))
        {
            await PublishTailAsync(caseId, positions, cancellationToken);
        }

        return records;
    }

    /// <inheritdoc />
    public async Task AppendAsync(string caseId, IReadOnlyList<CaseEventRecord> records, CaseDataKey? key = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        if (records.Count > MaxEventsPerAppend)
        {
            throw new ArgumentException($"One append holds at most {MaxEventsPerAppend} events on Azure Storage; this one has {records.Count}.", nameof(records));
        }

        key ??= await keys.GetOrCreateAsync(caseId, cancellationToken);
        var table = await tables.EventsAsync();
        var first = await _feed.ReserveAsync(records.Count, cancellationToken);
        var actions = records.Select((r, i) => new TableTransactionAction(TableTransactionActionType.Add, Seal(caseId, r, key, first + i))).ToList();
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            await _feed.TombstoneAsync(first, records.Count, CancellationToken.None);
            throw new CaseVersionConflictException($"Case '{caseId}' already has one of versions {records[0].Version}–{records[^1].Version}.", e);
        }

        // Committed: published whatever the caller's token says, since readers of the feed wait for it.
        await _feed.PublishAsync(caseId, [.. records.Select((r, i) => (r.Version, first + i))], (v, from, to, ct) => MoveAsync(caseId, v, from, to, ct), CancellationToken.None);
        _published[caseId] = records[^1].Version;
    }

    /// <summary>Publish the trailing events of a case whose feed rows are missing (their writer died between the two).</summary>
    private async Task PublishTailAsync(string caseId, List<(long Version, long Position)> positions, CancellationToken cancellationToken)
    {
        var feed = await tables.FeedAsync();
        var unpublished = new List<(long Version, long Position)>();
        for (var i = positions.Count - 1; i >= 0; i--)
        {
            if (await AzureFeedLog.IsPublishedAsync(feed, caseId, positions[i].Version, positions[i].Position, cancellationToken))
            {
                break;
            }

            unpublished.Insert(0, positions[i]);
        }

        await _feed.PublishAsync(caseId, unpublished, (v, from, to, ct) => MoveAsync(caseId, v, from, to, ct), cancellationToken);
        if (positions.Count > 0)
        {
            _published[caseId] = Math.Max(_published.GetValueOrDefault(caseId), positions[^1].Version);
        }
    }

    /// <summary>Move an event's feed position from <paramref name="from"/> to <paramref name="to"/>; false when another publisher moved it first.</summary>
    private async Task<bool> MoveAsync(string caseId, long version, long from, long to, CancellationToken cancellationToken)
    {
        var table = await tables.EventsAsync();
        var found = await table.GetEntityIfExistsAsync<TableEntity>(caseId, AzureCaseTables.VersionKey(version), select: ["FeedPosition"], cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row || row.GetInt64("FeedPosition") != from)
        {
            return false;
        }

        try
        {
            await table.UpdateEntityAsync(new TableEntity(caseId, AzureCaseTables.VersionKey(version)) { ["FeedPosition"] = to }, row.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<CommandSpan?> FindCommandAsync(string caseId, string actorId, string? clientId, string commandId, CancellationToken cancellationToken = default)
    {
        var table = await tables.EventsAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and CommandId eq {commandId} and ActorId eq {actorId}");
        CommandSpan? span = null;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "ClientId", "CommandHash"], cancellationToken: cancellationToken))
        {
            if (row.GetString("ClientId") != clientId)
            {
                continue;
            }

            var version = long.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture);
            span = span is { } s ? s with { First = Math.Min(s.First, version), Last = Math.Max(s.Last, version) } : new CommandSpan(version, version, row.GetString("CommandHash"));
        }

        return span;
    }

    /// <inheritdoc />
    /// <remarks>Every event on Azure Storage was written sealed.</remarks>
    public Task<bool> HasUnsealedAsync(string caseId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyList<CaseEventRecord>> ReadAllCasesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var caseId in ListCaseIdsAsync(cancellationToken))
        {
            IReadOnlyList<CaseEventRecord> log;
            try
            {
                log = await ReadAsync(caseId, 0, int.MaxValue, null, cancellationToken);
            }
            catch (CaseErasedException)
            {
                // Erased while this read ran: left out like the others.
                continue;
            }

            yield return log;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListCaseIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.EventsAsync();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {AzureCaseTables.VersionKey(1)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            if (!(await keys.FindAsync(row.PartitionKey, cancellationToken)).Erased)
            {
                yield return row.PartitionKey;
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListCaseIdsWithEventAsync(string eventType, int max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await tables.EventsAsync();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"EventType eq {eventType}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            if (seen.Count >= max)
            {
                yield break;
            }

            if (seen.Add(row.PartitionKey))
            {
                yield return row.PartitionKey;
            }
        }
    }

    private static TableEntity Seal(string caseId, CaseEventRecord record, CaseDataKey key, long feedPosition)
    {
        var row = new TableEntity(caseId, AzureCaseTables.VersionKey(record.Version))
        {
            ["EventType"] = CaseEventJson.TypeName(record.Event),
            ["ActorId"] = record.ActorId,
            ["ClientId"] = record.ClientId,
            ["CommandId"] = record.CommandId,
            ["CommandHash"] = record.CommandHash,
            ["OccurredAt"] = record.OccurredAt.ToUniversalTime(),
            ["FeedPosition"] = feedPosition,
        };
        AzureChunks.Put(row, key.Seal(record.Version, CaseEventJson.SerializeToUtf8Bytes(record.Event)), $"An event of case '{caseId}'");
        return row;
    }

    private static CaseEventRecord Open(string caseId, TableEntity row, CaseDataKey key)
    {
        var version = long.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture);
        var json = Encoding.UTF8.GetString(key.Open(version, AzureChunks.Get(row)));
        return new CaseEventRecord(
            caseId,
            version,
            SharedStrings.Share(row.GetString("ActorId")),
            SharedStrings.Share(row.GetString("ClientId")),
            row.GetDateTimeOffset("OccurredAt") ?? throw new InvalidDataException($"Event {version} of case '{caseId}' has no time."),
            CaseEventJson.Deserialize(json),
            row.GetString("CommandId"),
            row.GetString("CommandHash"));
    }
}
