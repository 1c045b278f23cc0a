using Npgsql;

namespace CaseGrid.Grains.Work;

/// <summary>The mail outbox in PostgreSQL (<c>mail_outbox</c>); a key is taken once, so queuing the same mail again changes nothing.</summary>
internal sealed class PostgresWorkMailOutbox(NpgsqlDataSource dataSource) : IWorkMailOutbox
{
    public async Task EnqueueAsync(OutboxMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO mail_outbox (mail_key, user_id, address, kinds, counts) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT ON CONSTRAINT mail_outbox_once DO NOTHING
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = mail.Key });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = mail.UserId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = mail.Address });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. mail.Kinds.Select(k => k.ToString())] });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. mail.Counts] });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
