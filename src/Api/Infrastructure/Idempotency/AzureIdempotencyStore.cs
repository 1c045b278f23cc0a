using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CaseGrid.Api.Storage;

namespace CaseGrid.Api.Infrastructure.Idempotency;

/// <summary>
/// Kept answers in an Azure table (<see cref="TableName"/>): partition = the caller, row key = the SHA-256 of the key
/// (a key may hold characters a row key may not); a claim is an insert, so of two claims of one key only one succeeds.
/// The case a write was to is a column, which erasing the case deletes by (see the Azure key store).
/// </summary>
public sealed class AzureIdempotencyStore(AzureStorageClients clients, TimeProvider clock) : IIdempotencyStore
{
    /// <summary>The table's name after the prefix.</summary>
    public const string TableName = "idempotency";

    private readonly Lazy<Task<TableClient>> _table = new(async () =>
    {
        var table = clients.Tables.GetTableClient(clients.TableName(TableName));
        await table.CreateIfNotExistsAsync();
        return table;
    });

    /// <inheritdoc />
    public async Task<bool> ClaimAsync(string caller, string key, string requestHash, TimeSpan abandonedAfter, CancellationToken cancellationToken)
    {
        var table = await _table.Value;
        try
        {
            await table.AddEntityAsync(new TableEntity(caller, RowKey(key)) { ["RequestHash"] = requestHash, ["ClaimedAt"] = clock.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Taken: by an answered request, another request, or the same request whose host died before it answered.
        }

        var found = await table.GetEntityIfExistsAsync<TableEntity>(caller, RowKey(key), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row || row.GetInt32("StatusCode") is not null
            || row.GetString("RequestHash") != requestHash || row.GetDateTimeOffset("ClaimedAt") is not { } claimedAt || claimedAt >= clock.GetUtcNow() - abandonedAfter)
        {
            return false;
        }

        try
        {
            // Under the row's ETag: of two requests taking an abandoned claim over, one does.
            row["ClaimedAt"] = clock.GetUtcNow();
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<KeptAnswer?> FindAsync(string caller, string key, CancellationToken cancellationToken)
    {
        var table = await _table.Value;
        var found = await table.GetEntityIfExistsAsync<TableEntity>(caller, RowKey(key), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }

        return new KeptAnswer(row.GetString("RequestHash"), row.GetInt32("StatusCode"), row.GetString("ContentType"), row.GetBinary("Body"), row.GetString("Location"));
    }

    /// <inheritdoc />
    public async Task KeepAsync(string caller, string key, KeptAnswer answer, string? caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var table = await _table.Value;

        // Merge: the claim's time stays. The row exists (claimed by this request), so an update, never an insert.
        await table.UpdateEntityAsync(
            new TableEntity(caller, RowKey(key))
            {
                ["RequestHash"] = answer.RequestHash,
                ["StatusCode"] = answer.StatusCode,
                ["ContentType"] = answer.ContentType,
                ["Body"] = answer.SealedBody,
                ["Location"] = answer.Location,
                ["CaseId"] = caseId,
            },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task ForgetClaimAsync(string caller, string key, CancellationToken cancellationToken)
    {
        var table = await _table.Value;
        var found = await table.GetEntityIfExistsAsync<TableEntity>(caller, RowKey(key), select: ["StatusCode"], cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row || row.GetInt32("StatusCode") is not null)
        {
            return;
        }

        try
        {
            // Under the ETag read: an answer kept meanwhile stays.
            await table.DeleteEntityAsync(caller, RowKey(key), row.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }

    /// <inheritdoc />
    public async Task ForgetOlderThanAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        var table = await _table.Value;
        var before = clock.GetUtcNow() - age;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ClaimedAt lt {before}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
    }

    private static string RowKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
