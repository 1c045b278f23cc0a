using System.Collections.Immutable;
using CaseGrid.Contracts.Work;
using CaseGrid.Api.Infrastructure.Outbox;
using Npgsql;

namespace CaseGrid.Api.Mail;

/// <summary>
/// The hosts' side of the mail outbox (<c>mail_outbox</c>), which the work lists fill: lease what is due, mark it sent or
/// failed. A lease that runs out (its host died mid-send) makes the mail due again, so nothing queued is lost.
/// </summary>
public sealed class MailOutboxStore(NpgsqlDataSource dataSource)
{
    /// <summary>Lease up to <paramref name="max"/> due mails no other host holds, oldest first; rows another host is taking are skipped.</summary>
    public async Task<IReadOnlyList<OutgoingMail>> ClaimAsync(string owner, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE mail_outbox
            SET lease_owner = $1, lease_until = now() + $2
            WHERE id IN (SELECT id FROM mail_outbox
                         WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                         ORDER BY next_attempt_at, id
                         LIMIT $3
                         FOR UPDATE SKIP LOCKED)
            RETURNING id, mail_key, address, kinds, counts, attempts
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        cmd.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = lease });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<OutgoingMail>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var kinds = reader.GetFieldValue<string[]>(3).Select(k => Enum.TryParse<WorkItemKind>(k, out var kind) ? kind : (WorkItemKind?)null);
            var counts = reader.GetFieldValue<int[]>(4);
            var known = kinds.Zip(counts).Where(p => p.First is not null).ToList();
            claimed.Add(new OutgoingMail(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                [.. known.Select(p => p.First!.Value)], [.. known.Select(p => p.Second)], reader.GetInt32(5)));
        }

        return claimed.OrderBy(m => m.Id).ToList();
    }

    /// <summary>The SMTP server took the mail.</summary>
    public Task<bool> SentAsync(long id, string owner, CancellationToken cancellationToken) =>
        dataSource.ChangeAsync("""
            UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL, lease_owner = NULL, lease_until = NULL
            WHERE id = $1 AND lease_owner = $2 AND status = 'pending'
            """, cancellationToken, id, owner);

    /// <summary>An attempt failed: the mail waits <paramref name="retryAfter"/>, or becomes a dead letter when <paramref name="dead"/>.</summary>
    public Task<bool> FailedAsync(long id, string owner, string error, bool dead, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        dataSource.ChangeAsync("""
            UPDATE mail_outbox
            SET attempts = attempts + 1, last_error = $3, status = CASE WHEN $4 THEN 'dead' ELSE 'pending' END,
                next_attempt_at = now() + $5, lease_owner = NULL, lease_until = NULL
            WHERE id = $1 AND lease_owner = $2 AND status = 'pending'
            """, cancellationToken, id, owner, error, dead, retryAfter);

    /// <summary>Give back leases this host holds but did not get to (it is stopping).</summary>
    public Task<bool> ReleaseAsync(IEnumerable<long> ids, string owner, CancellationToken cancellationToken) =>
        dataSource.ChangeAsync("UPDATE mail_outbox SET lease_owner = NULL, lease_until = NULL WHERE id = ANY($1) AND lease_owner = $2", cancellationToken, ids.ToArray(), owner);

    /// <summary>Forget mail sent more than <paramref name="age"/> ago.</summary>
    public Task<bool> ForgetSentAsync(TimeSpan age, CancellationToken cancellationToken) =>
        dataSource.ChangeAsync("DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < now() - $1", cancellationToken, age);
}
