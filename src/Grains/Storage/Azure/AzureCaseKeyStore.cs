using Azure;
using Azure.Data.Tables;
using CaseGrid.Contracts.Privacy;

namespace CaseGrid.Grains.Storage.Azure;

/// <summary>
/// Per-case data keys and erasures in one Azure table row per case (partition = case id, row key <c>key</c>). Making a
/// key inserts the row; erasing replaces it, under its ETag, by the record of the erasure without the key — so a key and
/// an erasure never exist together, and a case once erased never gets a key again.
/// </summary>
public sealed class AzureCaseKeyStore(AzureCaseTables tables, CaseKeyWrapping wrapping, TimeProvider clock) : ICaseKeyStore
{
    private const string RowKey = "key";

    /// <summary>The fingerprint of another master key some case's key is wrapped under; null when every key is wrapped under this one.</summary>
    public async Task<string?> ForeignMasterKeyAsync(CancellationToken cancellationToken = default)
    {
        var table = await tables.KeysAsync();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"MasterKey ne {wrapping.Fingerprint}"), maxPerPage: 1, select: ["MasterKey"], cancellationToken: cancellationToken))
        {
            return row.GetString("MasterKey");
        }

        return null;
    }

    /// <inheritdoc />
    public async Task<CaseKeyLookup> FindAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync(caseId, cancellationToken);
        return Lookup(caseId, row);
    }

    /// <inheritdoc />
    public async Task<CaseDataKey> GetOrCreateAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var table = await tables.KeysAsync();
        var key = CaseDataKey.New(caseId);
        var row = new TableEntity(caseId, RowKey)
        {
            ["MasterKey"] = wrapping.Fingerprint,
            ["WrappedKey"] = key.Wrap(wrapping),
        };
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
            return key;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another writer made it first, or the case was erased.
            var found = await FindAsync(caseId, cancellationToken);
            return found.Key ?? throw new CaseErasedException($"Case '{caseId}' was erased.");
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The key goes first, in one conditional write; then the case's snapshot and the kept answers to writes to the case
    /// (other tables, so not in the same transaction: an erasure repeated after a failure between them finishes the job).
    /// </remarks>
    public async Task EraseAsync(string caseId, string erasedBy, string? clientId, ErasureReason reason, CancellationToken cancellationToken = default)
    {
        await EraseKeyAsync(caseId, erasedBy, clientId, reason, cancellationToken);
        await AzureCaseSnapshotStore.DeleteAsync(tables, caseId, cancellationToken);
        var answers = await tables.IdempotencyAsync();
        await foreach (var row in answers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CaseId eq {caseId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await answers.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
    }

    private async Task EraseKeyAsync(string caseId, string erasedBy, string? clientId, ErasureReason reason, CancellationToken cancellationToken)
    {
        var table = await tables.KeysAsync();
        while (true)
        {
            var current = await ReadAsync(caseId, cancellationToken);
            if (current is not null && current.ContainsKey("ErasedBy"))
            {
                return;
            }

            var erasure = new TableEntity(caseId, RowKey)
            {
                ["ErasedBy"] = erasedBy,
                ["ClientId"] = clientId,
                ["Reason"] = PostgresCaseKeyStore.ReasonCode(reason),
                ["ErasedAt"] = clock.GetUtcNow(),
            };
            try
            {
                if (current is null)
                {
                    await table.AddEntityAsync(erasure, cancellationToken);
                }
                else
                {
                    // Replace, not merge: the wrapped key is gone from the row.
                    await table.UpdateEntityAsync(erasure, current.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // A key was made, or the row changed, since it was read: read it again.
            }
        }
    }

    /// <summary>What a stored row says of its case.</summary>
    internal CaseKeyLookup Lookup(string caseId, TableEntity? row)
    {
        if (row is null)
        {
            return new CaseKeyLookup(null, false);
        }

        if (row.ContainsKey("ErasedBy"))
        {
            return new CaseKeyLookup(null, true);
        }

        return new CaseKeyLookup(PostgresCaseKeyStore.Unwrap(caseId, row.GetBinary("WrappedKey"), row.GetString("MasterKey"), wrapping), false);
    }

    private async Task<TableEntity?> ReadAsync(string caseId, CancellationToken cancellationToken)
    {
        var table = await tables.KeysAsync();
        var found = await table.GetEntityIfExistsAsync<TableEntity>(caseId, RowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
