using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CaseGrid.Api.Secrets;
using CaseGrid.Api.Storage;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;

namespace CaseGrid.Api.Partners;

/// <summary>
/// Webhook subscriptions and their delivery queues on Azure Storage. Subscriptions are rows of <c>{prefix}webhooks</c>
/// (partition <c>sub</c>, row key = the subscription id); a lease is a conditional update under the row's ETag, so of two
/// hosts claiming one subscription only one gets it, and its cursor moves only while the lease is still the host's.
/// Deliveries are rows of <c>{prefix}webhookdeliveries</c>, partition = the subscription, row key = the event's feed
/// position zero-padded: the table's order is the feed's, and an event is queued once per subscription however often
/// its page is read (an insert of a queued position is refused and ignored). A delivery's id is its position's number.
/// Every change to a delivery is made under its row's ETag and only while it is pending.
/// </summary>
public sealed class AzureWebhookStore(AzureStorageClients clients, MasterKey masterKey, TimeProvider clock) : IWebhookStore
{
    private const string SubscriptionPartition = "sub";

    private readonly Sealer _secrets = new(masterKey, "casegrid/webhook-secrets/v1");
    private readonly Lazy<Task<TableClient>> _subscriptions = new(() => OpenAsync(clients, "webhooks"));
    private readonly Lazy<Task<TableClient>> _deliveries = new(() => OpenAsync(clients, "webhookdeliveries"));

    /// <inheritdoc />
    public async Task<WebhookCreated?> CreateAsync(ActorRef system, string url, FeedPosition after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var table = await _subscriptions.Value;
        var held = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SubscriptionPartition} and ClientId eq {system.ClientId}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            held++;
        }

        if (held >= limit)
        {
            return null;
        }

        var id = CaseGridIds.New("wh");
        var secret = WebhookSignature.NewSecret();
        var now = clock.GetUtcNow();
        await table.AddEntityAsync(new TableEntity(SubscriptionPartition, id)
        {
            ["ClientId"] = system.ClientId,
            ["DisplayName"] = system.DisplayName,
            ["Agency"] = (system.SystemAgency ?? Agency.Other).ToString(),
            ["UnitId"] = system.SystemUnitId,
            ["Url"] = url,
            ["Secret"] = _secrets.SealText(secret, id),
            ["Cursor"] = after.ToString(),
            ["SecurityFunction"] = system.SecurityFunction,
            ["CreatedAt"] = now,
            ["PolledAt"] = DateTimeOffset.UnixEpoch,
            ["LeaseUntil"] = DateTimeOffset.UnixEpoch,
        }, cancellationToken);
        return new WebhookCreated(id, url, secret, after.ToString(), now);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookView>> ListAsync(ActorRef system, CancellationToken cancellationToken)
    {
        var views = new List<WebhookView>();
        foreach (var row in (await OwnedAsync(system, cancellationToken)).OrderBy(r => r.GetDateTimeOffset("CreatedAt")).ThenBy(r => r.RowKey, StringComparer.Ordinal))
        {
            views.Add(new WebhookView(
                row.RowKey, row.GetString("Url"), row.GetString("Cursor"), row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch,
                await CountAsync(row.RowKey, "pending", cancellationToken), await CountAsync(row.RowKey, "dead", cancellationToken)));
        }

        return views;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(ActorRef system, string id, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(system, id, cancellationToken) is not { } row)
        {
            return false;
        }

        var table = await _subscriptions.Value;
        try
        {
            await table.DeleteEntityAsync(SubscriptionPartition, id, row.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Leased or moved on meanwhile: deleted all the same.
            await table.DeleteEntityAsync(SubscriptionPartition, id, ETag.All, cancellationToken);
        }

        var deliveries = await _deliveries.Value;
        await foreach (var delivery in deliveries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await deliveries.DeleteEntityAsync(delivery.PartitionKey, delivery.RowKey, ETag.All, cancellationToken);
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>?> DeadLettersAsync(ActorRef system, string id, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(system, id, cancellationToken) is null)
        {
            return null;
        }

        var deliveries = await _deliveries.Value;
        var letters = new List<DeadLetter>();
        await foreach (var row in deliveries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and Status eq 'dead'"), cancellationToken: cancellationToken))
        {
            var caseId = row.GetString("CaseId");
            var version = row.GetInt64("Version") ?? 0;
            letters.Add(new DeadLetter(
                row.GetInt64("DeliveryId") ?? 0, WebhookSubscription.MessageId(caseId, version), caseId, version, row.GetString("Position"),
                row.GetInt32("Attempts") ?? 0, row.GetInt32("LastStatusCode"), row.GetString("LastError"), row.GetDateTimeOffset("FinishedAt")));
            if (letters.Count == 1000)
            {
                break;
            }
        }

        return letters;
    }

    /// <inheritdoc />
    public async Task<bool> RedeliverAsync(ActorRef system, string id, long deliveryId, CancellationToken cancellationToken) =>
        await OwnedAsync(system, id, cancellationToken) is not null
        && await ChangeAsync(id, deliveryId, "dead", row =>
        {
            row["Status"] = "pending";
            row["Attempts"] = 0;
            row["NextAttemptAt"] = clock.GetUtcNow();
            row["FinishedAt"] = null;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookSubscription>> ClaimAsync(string owner, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        var table = await _subscriptions.Value;
        var now = clock.GetUtcNow();
        var free = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SubscriptionPartition} and LeaseUntil lt {now}"), cancellationToken: cancellationToken))
        {
            free.Add(row);
        }

        var claimed = new List<WebhookSubscription>();
        foreach (var row in free.OrderBy(r => r.GetDateTimeOffset("PolledAt")))
        {
            if (claimed.Count == max)
            {
                break;
            }

            row["LeaseOwner"] = owner;
            row["LeaseUntil"] = now + lease;
            row["PolledAt"] = now;
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Another host took it first, or it was deleted.
                continue;
            }

            claimed.Add(new WebhookSubscription(
                row.RowKey, row.GetString("ClientId"), row.GetString("DisplayName"),
                Enum.TryParse<Agency>(row.GetString("Agency"), out var agency) ? agency : Agency.Other,
                row.GetString("UnitId"), row.GetString("Url"), _secrets.OpenText(row.GetString("Secret"), row.RowKey),
                FeedPosition.Parse(row.GetString("Cursor")), row.GetBoolean("SecurityFunction")));
        }

        return claimed;
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(string id, string owner, CancellationToken cancellationToken) =>
        ChangeLeasedAsync(id, owner, row =>
        {
            row["LeaseOwner"] = null;
            row["LeaseUntil"] = DateTimeOffset.UnixEpoch;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> EnqueueAsync(string id, string owner, IReadOnlyList<FeedEvent> events, FeedPosition next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!await IsLeasedAsync(id, owner, cancellationToken))
        {
            return false;
        }

        // Queued first, then the cursor moved: a host that loses its lease between the two leaves rows the next holder
        // queues again from the same cursor, and those inserts are refused as already there.
        var deliveries = await _deliveries.Value;
        var now = clock.GetUtcNow();
        foreach (var chunk in events.Chunk(100))
        {
            var rows = chunk.Select(e => Delivery(id, e, now)).ToList();
            try
            {
                await deliveries.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                foreach (var row in rows)
                {
                    try
                    {
                        await deliveries.AddEntityAsync(row, cancellationToken);
                    }
                    catch (RequestFailedException again) when (again.Status == 409)
                    {
                        // Queued already.
                    }
                }
            }
        }

        return await ChangeLeasedAsync(id, owner, row => row["Cursor"] = next.ToString(), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PendingDelivery?> HeadAsync(string id, CancellationToken cancellationToken)
    {
        var deliveries = await _deliveries.Value;
        await foreach (var row in deliveries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and Status eq 'pending'"), maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return new PendingDelivery(
                row.GetInt64("DeliveryId") ?? 0, FeedPosition.Parse(row.GetString("Position")), row.GetString("CaseId"), row.GetInt64("Version") ?? 0,
                row.GetInt32("Attempts") ?? 0, row.GetDateTimeOffset("NextAttemptAt") <= clock.GetUtcNow());
        }

        return null;
    }

    /// <inheritdoc />
    public Task<bool> DeliveredAsync(string subscriptionId, long deliveryId, int statusCode, CancellationToken cancellationToken) =>
        ChangeAsync(subscriptionId, deliveryId, "pending", row =>
        {
            row["Status"] = "delivered";
            row["Attempts"] = (row.GetInt32("Attempts") ?? 0) + 1;
            row["LastStatusCode"] = statusCode;
            row["LastError"] = null;
            row["FinishedAt"] = clock.GetUtcNow();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> FailedAsync(string subscriptionId, long deliveryId, int? statusCode, string error, bool dead, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        ChangeAsync(subscriptionId, deliveryId, "pending", row =>
        {
            row["Attempts"] = (row.GetInt32("Attempts") ?? 0) + 1;
            row["LastStatusCode"] = statusCode;
            row["LastError"] = error;
            row["Status"] = dead ? "dead" : "pending";
            row["NextAttemptAt"] = clock.GetUtcNow() + retryAfter;
            row["FinishedAt"] = dead ? clock.GetUtcNow() : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> WithheldAsync(string subscriptionId, long deliveryId, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(subscriptionId, deliveryId, "pending", row =>
        {
            row["Status"] = "withheld";
            row["LastError"] = reason;
            row["FinishedAt"] = clock.GetUtcNow();
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> ForgetFinishedAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        var deliveries = await _deliveries.Value;
        var before = clock.GetUtcNow() - age;
        var forgot = false;
        await foreach (var row in deliveries.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"(Status eq 'delivered' or Status eq 'withheld') and FinishedAt lt {before}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await deliveries.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            forgot = true;
        }

        return forgot;
    }

    private static TableEntity Delivery(string subscriptionId, FeedEvent item, DateTimeOffset now)
    {
        var position = FeedPosition.Parse(item.Position);
        return new TableEntity(subscriptionId, RowKey(position.Seq))
        {
            ["DeliveryId"] = position.Seq,
            ["Position"] = item.Position,
            ["CaseId"] = item.CaseId,
            ["Version"] = item.Version,
            ["Status"] = "pending",
            ["Attempts"] = 0,
            ["NextAttemptAt"] = now,
        };
    }

    /// <summary>The row key of a delivery: its position's number zero-padded, so the table's order is the feed's.</summary>
    private static string RowKey(long seq) => seq.ToString("D19", CultureInfo.InvariantCulture);

    private async Task<long> CountAsync(string id, string status, CancellationToken cancellationToken)
    {
        var deliveries = await _deliveries.Value;
        var count = 0L;
        await foreach (var _ in deliveries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and Status eq {status}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>The system's subscriptions for the unit it acts for.</summary>
    private async Task<List<TableEntity>> OwnedAsync(ActorRef system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var table = await _subscriptions.Value;
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SubscriptionPartition} and ClientId eq {system.ClientId}"), cancellationToken: cancellationToken))
        {
            if (row.GetString("UnitId") == system.SystemUnitId)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>One of the system's subscriptions; null when it has no such one.</summary>
    private async Task<TableEntity?> OwnedAsync(ActorRef system, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var table = await _subscriptions.Value;
        var found = await table.GetEntityIfExistsAsync<TableEntity>(SubscriptionPartition, id, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row && row.GetString("ClientId") == system.ClientId && row.GetString("UnitId") == system.SystemUnitId ? row : null;
    }

    private async Task<bool> IsLeasedAsync(string id, string owner, CancellationToken cancellationToken)
    {
        var table = await _subscriptions.Value;
        var found = await table.GetEntityIfExistsAsync<TableEntity>(SubscriptionPartition, id, select: ["LeaseOwner"], cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row && row.GetString("LeaseOwner") == owner;
    }

    /// <summary>Change a subscription this host holds the lease of, under its ETag; false when the lease is no longer its.</summary>
    private async Task<bool> ChangeLeasedAsync(string id, string owner, Action<TableEntity> change, CancellationToken cancellationToken) =>
        await UpdateIfAsync(await _subscriptions.Value, SubscriptionPartition, id, row => row.GetString("LeaseOwner") == owner, change, cancellationToken);

    /// <summary>Change a delivery in <paramref name="status"/>, under its ETag; false when there is no such delivery in it.</summary>
    private async Task<bool> ChangeAsync(string subscriptionId, long deliveryId, string status, Action<TableEntity> change, CancellationToken cancellationToken) =>
        await UpdateIfAsync(await _deliveries.Value, subscriptionId, RowKey(deliveryId), row => row.GetString("Status") == status, change, cancellationToken);

    /// <summary>Change a row that meets <paramref name="condition"/>, under the ETag it was read with; false when it is gone, does not meet it, or changed meanwhile.</summary>
    private static async Task<bool> UpdateIfAsync(TableClient table, string partition, string rowKey, Func<TableEntity, bool> condition, Action<TableEntity> change, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row || !condition(row))
        {
            return false;
        }

        change(row);
        try
        {
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    private static async Task<TableClient> OpenAsync(AzureStorageClients clients, string name)
    {
        var table = clients.Tables.GetTableClient(clients.TableName(name));
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
