using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CaseGrid.Api.Storage;

namespace CaseGrid.Api.Partners;

/// <summary>
/// The feed on Azure Storage (table <c>{prefix}feed</c>, written by the silos' event store beside the event log): one row
/// per position in partition <c>feed</c>, row key = the position zero-padded, naming the case and version; positions are
/// whole numbers from 1 handed out by one sequencer row under its ETag, with no gaps. A reader takes rows in order and
/// holds back at the first position that has no row yet — reserved by a writer that has not committed or published —
/// so it never passes an event that could still appear behind it. A position left without its row for
/// <see cref="AbandonedAfter"/> (measured by the storage service's time of the first row after it) is closed with a
/// tombstone; a writer that finds its position closed publishes its event at a new, later one. A position on Azure
/// Storage is <c>0-{n}</c>. The partner index is the table <c>{prefix}partnerindex</c> (one row per case).
/// </summary>
public sealed class AzureFeedStore(AzureStorageClients clients, Func<DateTimeOffset> now) : IFeedStore
{
    /// <summary>A store that measures how long positions were held by the real clock (the storage service's rows are stamped by it).</summary>
    public AzureFeedStore(AzureStorageClients clients)
        : this(clients, () => TimeProvider.System.GetUtcNow())
    {
    }

    /// <summary>How long a reserved position may stay without its row before a reader closes it.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(10);

    private const string Partition = "feed";
    private const string SequencerPartition = "sequencer";

    private readonly Lazy<Task<TableClient>> _feed = new(() => OpenAsync(clients, "feed"));
    private readonly Lazy<Task<TableClient>> _index = new(() => OpenAsync(clients, "partnerindex"));

    /// <inheritdoc />
    public async Task<IReadOnlyList<FeedEntry>> ReadAsync(FeedPosition after, int max, string? unitId, CancellationToken cancellationToken)
    {
        var slots = await WalkAsync(after.Seq, max, cancellationToken);
        var reach = await Task.WhenAll(slots.Where(s => s.CaseId is not null).Select(s => s.CaseId!).Distinct(StringComparer.Ordinal)
            .Select(async caseId => (caseId, Row: await ReachAsync(caseId, unitId, cancellationToken))));
        var mayRead = reach.ToDictionary(r => r.caseId, r => r.Row is null || r.Row is { Consent: true, Involved: true }, StringComparer.Ordinal);
        return [.. slots.Select(s => new FeedEntry(new FeedPosition(0, s.Position), s.CaseId ?? "", s.Version, s.CaseId is not null && mayRead[s.CaseId]))];
    }

    /// <inheritdoc />
    public async Task<FeedPosition> HeadAsync(CancellationToken cancellationToken)
    {
        // From the horizon a reader last recorded, on to the first position still held back.
        var table = await _feed.Value;
        var horizon = await table.GetEntityIfExistsAsync<TableEntity>(SequencerPartition, "horizon", cancellationToken: cancellationToken);
        var start = horizon.HasValue && horizon.Value is { } row ? row.GetInt64("Position") ?? 0 : 0;
        var head = start;
        while (true)
        {
            var slots = await WalkAsync(head, 1000, cancellationToken);
            if (slots.Count == 0)
            {
                break;
            }

            head = slots[^1].Position;
        }

        if (head > start)
        {
            await MoveHorizonAsync(table, horizon.HasValue ? horizon.Value : null, head, cancellationToken);
        }

        return head == 0 ? FeedPosition.Start : new FeedPosition(0, head);
    }

    /// <inheritdoc />
    public async Task<PartnerReachRow?> ReachAsync(string caseId, string? unitId, CancellationToken cancellationToken)
    {
        var index = await _index.Value;
        var found = await index.GetEntityIfExistsAsync<TableEntity>(caseId, "reach", cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }

        var units = JsonSerializer.Deserialize<string[]>(row.GetString("Units") ?? "[]") ?? [];
        return new PartnerReachRow(row.GetBoolean("PartnerConsent") ?? false, unitId is not null && units.Contains(unitId, StringComparer.Ordinal));
    }

    /// <summary>
    /// Up to <paramref name="max"/> positions after <paramref name="after"/>, stopping before the first that holds back:
    /// one reserved without its row yet. Positions abandoned longer than <see cref="AbandonedAfter"/> are closed on the way.
    /// </summary>
    private async Task<List<Slot>> WalkAsync(long after, int max, CancellationToken cancellationToken)
    {
        var table = await _feed.Value;
        var slots = new List<Slot>();
        var expected = after + 1;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {Key(after)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            var position = long.Parse(row.RowKey, CultureInfo.InvariantCulture);
            while (expected < position)
            {
                // A hole: its writer reserved it before the row read here was written. Closed only once that is long past.
                if (row.Timestamp is not { } written || now() - written < AbandonedAfter || !await TryTombstoneAsync(table, expected, cancellationToken))
                {
                    return slots;
                }

                slots.Add(new Slot(expected, null, 0));
                if (slots.Count == max)
                {
                    return slots;
                }

                expected++;
            }

            slots.Add(row.GetBoolean("Tombstone") == true ? new Slot(position, null, 0) : new Slot(position, row.GetString("CaseId"), row.GetInt64("Version") ?? 0));
            expected = position + 1;
            if (slots.Count == max)
            {
                break;
            }
        }

        return slots;
    }

    private static async Task<bool> TryTombstoneAsync(TableClient table, long position, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, Key(position)) { ["Tombstone"] = true }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Its writer published it just now: the next read takes it.
            return false;
        }
    }

    private static async Task MoveHorizonAsync(TableClient table, TableEntity? horizon, long position, CancellationToken cancellationToken)
    {
        try
        {
            if (horizon is null)
            {
                await table.AddEntityAsync(new TableEntity(SequencerPartition, "horizon") { ["Position"] = position }, cancellationToken);
            }
            else
            {
                horizon["Position"] = position;
                await table.UpdateEntityAsync(horizon, horizon.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another reader moved it: it only ever moves on, and this one is a hint.
        }
    }

    private static string Key(long position) => position.ToString("D19", CultureInfo.InvariantCulture);

    private static async Task<TableClient> OpenAsync(AzureStorageClients clients, string name)
    {
        var table = clients.Tables.GetTableClient(clients.TableName(name));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private sealed record Slot(long Position, string? CaseId, long Version);
}
