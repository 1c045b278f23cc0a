using Azure;
using Azure.Data.Tables;

namespace CaseGrid.Grains.Storage.Azure;

/// <summary>
/// Case snapshots in an Azure table, one row per case (partition = case id, row key <c>snapshot</c>), the sealed payload
/// in chunks as events keep theirs. Forward only under the row's ETag; erasing the case deletes the row
/// (<see cref="AzureCaseKeyStore.EraseAsync"/>), and a write that lands after an erasure deletes its own row again.
/// </summary>
public sealed class AzureCaseSnapshotStore(AzureCaseTables tables, ICaseKeyStore keys, ICaseEventStore events) : ICaseSnapshotStore
{
    /// <summary>The row key of a case's snapshot.</summary>
    public const string RowKey = "snapshot";

    /// <inheritdoc />
    /// <remarks>The key and the snapshot are read together; the events after, through the log (which publishes a tail a dead writer left unpublished).</remarks>
    public async Task<CaseOpening> OpenAsync(string caseId, int foldVersion, int max, CancellationToken cancellationToken = default)
    {
        var lookup = keys.FindAsync(caseId, cancellationToken);
        var row = ReadAsync(caseId, cancellationToken);
        var key = await lookup;
        var stored = await row;
        if (key.Erased)
        {
            return new CaseOpening(key, null, [], 1);
        }

        var snapshot = stored is null ? null : new SealedSnapshot(
            stored.GetInt64("Version") ?? 0, stored.GetInt32("FoldVersion") ?? 0, AzureChunks.Get(stored));
        var from = snapshot is { } s && s.FoldVersion == foldVersion ? s.Version : 1;
        // A case without a key has no events yet (its key is made before its first).
        var read = key.Key is null ? [] : await events.ReadAsync(caseId, from - 1, max, key.Key, cancellationToken);
        return new CaseOpening(key, snapshot, read, from);
    }

    /// <inheritdoc />
    public async Task WriteAsync(string caseId, SealedSnapshot snapshot, bool replace = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var table = await tables.SnapshotsAsync();
        var row = new TableEntity(caseId, RowKey)
        {
            ["Version"] = snapshot.Version,
            ["FoldVersion"] = snapshot.FoldVersion,
        };
        AzureChunks.Put(row, snapshot.Sealed, $"A snapshot of case '{caseId}'");
        while (true)
        {
            if ((await keys.FindAsync(caseId, cancellationToken)).Key is null)
            {
                return;
            }

            var current = await ReadAsync(caseId, cancellationToken, ["Version", "FoldVersion"]);
            if (current is not null && !replace && current.GetInt32("FoldVersion") == snapshot.FoldVersion && current.GetInt64("Version") >= snapshot.Version)
            {
                return;
            }

            try
            {
                if (current is null)
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                break;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another snapshot was written since the row was read: read it again.
            }
        }

        // The case may have been erased while this was written, after the erasure deleted the snapshot: then it goes too.
        if ((await keys.FindAsync(caseId, cancellationToken)).Key is null)
        {
            await DeleteAsync(caseId, cancellationToken);
        }
    }

    /// <summary>Delete the case's snapshot, if it has one.</summary>
    public async Task DeleteAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await DeleteAsync(tables, caseId, cancellationToken);
    }

    /// <summary>Delete the case's snapshot from <paramref name="tables"/>, if it has one.</summary>
    internal static async Task DeleteAsync(AzureCaseTables tables, string caseId, CancellationToken cancellationToken)
    {
        var table = await tables.SnapshotsAsync();
        try
        {
            await table.DeleteEntityAsync(caseId, RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    private async Task<TableEntity?> ReadAsync(string caseId, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var table = await tables.SnapshotsAsync();
        var found = await table.GetEntityIfExistsAsync<TableEntity>(caseId, RowKey, select, cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
