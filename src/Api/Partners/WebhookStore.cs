using System.Globalization;
using CaseGrid.Api.Secrets;
using CaseGrid.Contracts.Common;
using CaseGrid.Contracts.Groups;
using CaseGrid.Api.Infrastructure.Outbox;
using Npgsql;

namespace CaseGrid.Api.Partners;

/// <summary>
/// Webhook subscriptions and their delivery queue in PostgreSQL (<c>webhook_subscriptions</c>, <c>webhook_deliveries</c>).
/// Everything a system asks for is filtered by its client id and the unit its token acts for: a system sees and changes
/// only its own subscriptions, made for that unit. Signing secrets are stored sealed under the master key, bound to their
/// subscription.
/// </summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource, MasterKey masterKey)
{
    private readonly Sealer _secrets = new(masterKey, "casegrid/webhook-secrets/v1");

    /// <summary>A new subscription for <paramref name="system"/>, or null when it has <paramref name="limit"/> already.</summary>
    public async Task<WebhookCreated?> CreateAsync(ActorRef system, string url, FeedPosition after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var id = CaseGridIds.New("wh");
        var secret = WebhookSignature.NewSecret();
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO webhook_subscriptions (id, client_id, display_name, agency, unit_id, url, secret, cursor_tx, cursor_seq, security_function)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8::xid8, $9, $11
            WHERE (SELECT count(*) FROM webhook_subscriptions WHERE client_id = $2) < $10
            RETURNING created_at
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = system.ClientId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = system.DisplayName });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = (system.SystemAgency ?? Agency.Other).ToString() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)system.SystemUnitId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = url });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _secrets.SealText(secret, id) });
        FeedReader.AddPosition(cmd.Parameters, after);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit });
        cmd.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = system.SecurityFunction });
        var created = await cmd.ExecuteScalarAsync(cancellationToken);
        return created is DateTime at ? new WebhookCreated(id, url, secret, after.ToString(), new DateTimeOffset(at, TimeSpan.Zero)) : null;
    }

    /// <summary>The system's subscriptions for the unit it acts for, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookView>> ListAsync(ActorRef system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        await using var cmd = dataSource.CreateCommand("""
            SELECT s.id, s.url, s.cursor_tx::text AS cursor_tx_text, s.cursor_seq, s.created_at,
                   (SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending'),
                   (SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'dead')
            FROM webhook_subscriptions s
            WHERE s.client_id = $1 AND s.unit_id IS NOT DISTINCT FROM $2
            ORDER BY s.created_at, s.id
            """);
        AddOwner(cmd.Parameters, system);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var views = new List<WebhookView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            views.Add(new WebhookView(
                reader.GetString(0), reader.GetString(1), FeedReader.Position(reader, 2).ToString(),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5), reader.GetInt64(6)));
        }

        return views;
    }

    /// <summary>Delete one of the system's subscriptions and its queue; false when it has no such subscription.</summary>
    public Task<bool> DeleteAsync(ActorRef system, string id, CancellationToken cancellationToken) =>
        dataSource.ChangeAsync("DELETE FROM webhook_subscriptions WHERE id = $3 AND client_id = $1 AND unit_id IS NOT DISTINCT FROM $2", cancellationToken, [.. Owner(system), id]);

    /// <summary>The dead letters of one of the system's subscriptions, oldest first; null when it has no such subscription.</summary>
    public async Task<IReadOnlyList<DeadLetter>?> DeadLettersAsync(ActorRef system, string id, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT d.id, d.case_id, d.version, d.feed_tx::text AS feed_tx_text, d.feed_seq, d.attempts, d.last_status_code, d.last_error, d.finished_at
            FROM webhook_subscriptions s
            LEFT JOIN webhook_deliveries d ON d.subscription_id = s.id AND d.status = 'dead'
            WHERE s.id = $3 AND s.client_id = $1 AND s.unit_id IS NOT DISTINCT FROM $2
            ORDER BY d.feed_tx, d.feed_seq
            LIMIT 1000
            """);
        AddOwner(cmd.Parameters, system);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        List<DeadLetter>? letters = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            letters ??= [];
            if (reader.IsDBNull(0))
            {
                continue;
            }

            var caseId = reader.GetString(1);
            var version = reader.GetInt64(2);
            letters.Add(new DeadLetter(
                reader.GetInt64(0), WebhookSubscription.MessageId(caseId, version), caseId, version, FeedReader.Position(reader, 3).ToString(),
                reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return letters;
    }

    /// <summary>Put a dead letter back in its subscription's queue with a fresh set of attempts; false when there is no such dead letter.</summary>
    public Task<bool> RedeliverAsync(ActorRef system, string id, long deliveryId, CancellationToken cancellationToken) =>
        dataSource.ChangeAsync("""
            UPDATE webhook_deliveries d
            SET status = 'pending', attempts = 0, next_attempt_at = now(), finished_at = NULL
            FROM webhook_subscriptions s
            WHERE d.id = $4 AND d.status = 'dead' AND d.subscription_id = s.id AND s.id = $3 AND s.client_id = $1 AND s.unit_id IS NOT DISTINCT FROM $2
            """, cancellationToken, [.. Owner(system), id, deliveryId]);

    /// <summary>
    /// Lease up to <paramref name="max"/> subscriptions no other host holds, the longest unvisited first. Rows another
    /// host is claiming right now are skipped, not waited for.
    /// </summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ClaimAsync(string owner, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE webhook_subscriptions
            SET lease_owner = $1, lease_until = now() + $2, polled_at = now()
            WHERE id IN (SELECT id FROM webhook_subscriptions
                         WHERE lease_until IS NULL OR lease_until < now()
                         ORDER BY polled_at NULLS FIRST
                         LIMIT $3
                         FOR UPDATE SKIP LOCKED)
            RETURNING id, client_id, display_name, agency, unit_id, url, secret, cursor_tx::text AS cursor_tx_text, cursor_seq, security_function
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        cmd.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = lease });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<WebhookSubscription>();
        var unsealed = new List<WebhookSubscription>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            var stored = reader.GetString(6);
            var subscription = new WebhookSubscription(
                id, reader.GetString(1), reader.GetString(2),
                Enum.TryParse<Agency>(reader.GetString(3), out var agency) ? agency : Agency.Other,
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), _secrets.OpenText(stored, id), FeedReader.Position(reader, 7),
                reader.IsDBNull(9) ? null : reader.GetBoolean(9));
            claimed.Add(subscription);
            if (!Sealer.IsSealed(stored))
            {
                unsealed.Add(subscription);
            }
        }

        await reader.DisposeAsync();

        // A secret stored before secrets were sealed is sealed the first time a host claims its subscription.
        foreach (var subscription in unsealed)
        {
            await dataSource.ChangeAsync("UPDATE webhook_subscriptions SET secret = $2 WHERE id = $1", cancellationToken, subscription.Id, _secrets.SealText(subscription.Secret, subscription.Id));
        }

        return claimed;
    }

    /// <summary>Give up a lease this host holds.</summary>
    public Task<bool> ReleaseAsync(string id, string owner, CancellationToken cancellationToken) =>
        dataSource.ChangeAsync("UPDATE webhook_subscriptions SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2", cancellationToken, id, owner);

    /// <summary>
    /// Queue a delivery of each event and move the subscription's cursor to <paramref name="next"/>, in one transaction;
    /// nothing changes when this host no longer holds the lease.
    /// </summary>
    public async Task<bool> EnqueueAsync(string id, string owner, IReadOnlyList<FeedEvent> events, FeedPosition next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var move = new NpgsqlCommand(
            "UPDATE webhook_subscriptions SET cursor_tx = $3::xid8, cursor_seq = $4 WHERE id = $1 AND lease_owner = $2", connection, tx))
        {
            move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
            move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
            FeedReader.AddPosition(move.Parameters, next);
            if (await move.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        if (events.Count > 0)
        {
            var positions = events.Select(e => FeedPosition.Parse(e.Position)).ToList();
            await using var queue = new NpgsqlCommand("""
                INSERT INTO webhook_deliveries (subscription_id, feed_tx, feed_seq, case_id, version)
                SELECT $1, t::xid8, s, c, v FROM unnest($2::text[], $3::bigint[], $4::text[], $5::bigint[]) AS e(t, s, c, v)
                ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING
                """, connection, tx);
            queue.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
            queue.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. positions.Select(p => p.Tx.ToString(CultureInfo.InvariantCulture))] });
            queue.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. positions.Select(p => p.Seq)] });
            queue.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.CaseId)] });
            queue.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. events.Select(e => e.Version)] });
            await queue.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The subscription's oldest pending delivery in feed order, due or not; null when none is pending.</summary>
    public async Task<PendingDelivery?> HeadAsync(string id, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, feed_tx::text AS feed_tx_text, feed_seq, case_id, version, attempts, next_attempt_at <= now()
            FROM webhook_deliveries
            WHERE subscription_id = $1 AND status = 'pending'
            ORDER BY feed_tx, feed_seq
            LIMIT 1
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new PendingDelivery(reader.GetInt64(0), FeedReader.Position(reader, 1), reader.GetString(3), reader.GetInt64(4), reader.GetInt32(5), reader.GetBoolean(6))
            : null;
    }

    /// <summary>The receiver took the delivery.</summary>
    public Task<bool> DeliveredAsync(long deliveryId, int statusCode, CancellationToken cancellationToken) =>
        dataSource.ChangeAsync("""
            UPDATE webhook_deliveries
            SET status = 'delivered', attempts = attempts + 1, last_status_code = $2, last_error = NULL, finished_at = now()
            WHERE id = $1 AND status = 'pending'
            """, cancellationToken, deliveryId, statusCode);

    /// <summary>An attempt failed: the delivery waits <paramref name="retryAfter"/>, or becomes a dead letter when <paramref name="dead"/>.</summary>
    public Task<bool> FailedAsync(long deliveryId, int? statusCode, string error, bool dead, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        dataSource.ChangeAsync("""
            UPDATE webhook_deliveries
            SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
                status = CASE WHEN $4 THEN 'dead' ELSE 'pending' END,
                next_attempt_at = now() + $5,
                finished_at = CASE WHEN $4 THEN now() END
            WHERE id = $1 AND status = 'pending'
            """, cancellationToken, deliveryId, new NpgsqlParameter<int?> { TypedValue = statusCode }, error, dead, retryAfter);

    /// <summary>The system may no longer read the event's case: the delivery is not made.</summary>
    public Task<bool> WithheldAsync(long deliveryId, string reason, CancellationToken cancellationToken) =>
        dataSource.ChangeAsync("""
            UPDATE webhook_deliveries SET status = 'withheld', last_error = $2, finished_at = now()
            WHERE id = $1 AND status = 'pending'
            """, cancellationToken, deliveryId, reason);

    /// <summary>Forget deliveries that were made or withheld more than <paramref name="age"/> ago.</summary>
    public Task<bool> ForgetFinishedAsync(TimeSpan age, CancellationToken cancellationToken) =>
        dataSource.ChangeAsync("DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'withheld') AND finished_at < now() - $1", cancellationToken, age);

    /// <summary>The owner of a subscription as the first two parameters: the system's client id and its unit.</summary>
    private static void AddOwner(NpgsqlParameterCollection parameters, ActorRef system)
    {
        foreach (var value in Owner(system))
        {
            parameters.Add((NpgsqlParameter)value);
        }
    }

    /// <summary>The system's client id and unit, as parameters (the unit may be null).</summary>
    private static object[] Owner(ActorRef system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return
        [
            new NpgsqlParameter<string> { TypedValue = system.ClientId },
            new NpgsqlParameter { Value = (object?)system.SystemUnitId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
        ];
    }
}
