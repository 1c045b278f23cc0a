using System.Collections.Concurrent;
using System.Globalization;
using Azure.Data.Tables;
using CaseGrid.Api.Storage;

namespace CaseGrid.Api.Realtime;

/// <summary>
/// The heads of cases in the Azure event log (table <c>{prefix}events</c>: partition = case, row key = the version
/// zero-padded). A table reads its rows in ascending order only, so each case's row keys are read from the last head this
/// host found for it on: the first read of a case goes through its keys once, later ones only through what is new.
/// </summary>
public sealed class AzureCaseLogHeads(AzureStorageClients clients) : ICaseLogHeads
{
    private readonly ConcurrentDictionary<string, long> _known = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> ReadAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        var table = clients.Tables.GetTableClient(clients.TableName("events"));
        var reads = caseIds.Distinct(StringComparer.Ordinal).Select(async caseId =>
        {
            var head = _known.GetValueOrDefault(caseId);
            var after = head.ToString("D19", CultureInfo.InvariantCulture);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey gt {after}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                head = Math.Max(head, long.Parse(row.RowKey, CultureInfo.InvariantCulture));
            }

            _known[caseId] = head;
            return (caseId, head);
        });
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (caseId, head) in await Task.WhenAll(reads))
        {
            if (head > 0)
            {
                heads[caseId] = head;
            }
        }

        return heads;
    }
}
