using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using CaseGrid.Api.Storage;

namespace CaseGrid.Api.Audit;

/// <summary>
/// The audit in an Azure table (<c>{prefix}audit</c>), append-only: CaseGrid only ever inserts into it. Partition = the
/// UTC day, inverted (<c>d{99999999 - yyyyMMdd}</c>), row key = the id, inverted and zero-padded — so the table's own
/// order is newest first, and one query with the filters as a table filter answers any search in that order. An id is
/// the millisecond of the read shifted left 20 bits, with 20 random bits below: unique across hosts and larger for later
/// reads (within a millisecond and the hosts' clock skew, in no particular order).
/// </summary>
public sealed class AzureAuditStore(AzureStorageClients clients) : IAuditStore
{
    /// <summary>The table's name after the prefix.</summary>
    public const string TableName = "audit";

    private readonly Lazy<Task<TableClient>> _table = new(async () =>
    {
        var table = clients.Tables.GetTableClient(clients.TableName(TableName));
        await table.CreateIfNotExistsAsync();
        return table;
    });

    /// <inheritdoc />
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var table = await _table.Value;
        var at = entry.At.ToUniversalTime();
        var id = (at.ToUnixTimeMilliseconds() << 20) + RandomNumberGenerator.GetInt32(1 << 20);
        await table.AddEntityAsync(
            new TableEntity(Partition(at), Inverted(id))
            {
                ["Id"] = id,
                ["At"] = at,
                ["ActorId"] = entry.ActorId,
                ["ActorName"] = entry.ActorName,
                ["ClientId"] = entry.ClientId,
                ["CaseId"] = entry.CaseId,
                ["Action"] = entry.Action,
                ["Detail"] = entry.Detail,
                ["Access"] = entry.Access,
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<AuditEntry>> QueryAsync(AuditQuery query, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var table = await _table.Value;
        var entries = ImmutableArray.CreateBuilder<AuditEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(Filter(query), maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(new AuditEntry(
                row.GetInt64("Id") ?? 0, row.GetDateTimeOffset("At") ?? default, row.GetString("ActorId"), row.GetString("ActorName"),
                row.GetString("ClientId"), row.GetString("CaseId"), row.GetString("Action"), row.GetString("Detail"), row.GetString("Access")));
            if (entries.Count == max)
            {
                break;
            }
        }

        return entries.ToImmutable();
    }

    /// <summary>The query as a table filter: the time bounds also bound the partitions read.</summary>
    private static string Filter(AuditQuery query)
    {
        var parts = new List<string> { "PartitionKey ge 'd'" };
        if (query.CaseId is { } caseId)
        {
            parts.Add(TableClient.CreateQueryFilter($"CaseId eq {caseId}"));
        }

        if (query.ActorId is { } actorId)
        {
            parts.Add(TableClient.CreateQueryFilter($"ActorId eq {actorId}"));
        }

        if (query.Action is { } action)
        {
            parts.Add(TableClient.CreateQueryFilter($"Action eq {action}"));
        }

        if (query.From is { } from)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey le {Partition(from.ToUniversalTime())} and At ge {from.ToUniversalTime()}"));
        }

        if (query.To is { } to)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {Partition(to.ToUniversalTime())} and At lt {to.ToUniversalTime()}"));
        }

        if (query.Before is { } before)
        {
            parts.Add(TableClient.CreateQueryFilter($"Id lt {before}"));
        }

        return string.Join(" and ", parts.Select(p => $"({p})"));
    }

    private static string Partition(DateTimeOffset at) =>
        "d" + (99_999_999 - int.Parse(at.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToString("D8", CultureInfo.InvariantCulture);

    private static string Inverted(long id) => (long.MaxValue - id).ToString("D19", CultureInfo.InvariantCulture);
}
