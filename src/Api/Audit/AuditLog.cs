using System.Collections.Immutable;
using CaseGrid.Contracts.Common;
using Npgsql;

namespace CaseGrid.Api.Audit;

/// <summary>
/// The audit of reads (domain §9): who read which case, through which system, when, what, and how much of the details
/// they got. A read is recorded before its answer leaves, so nothing is read without a trace; if the record cannot be
/// written, the read fails. Changes need no record here: the event log holds who, which system, when and what.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The most entries one query returns.</summary>
    public const int MaxPage = 1000;

    /// <summary>Record that <paramref name="actor"/> read <paramref name="caseId"/>.</summary>
    public async Task RecordAsync(ActorRef actor, string action, string? caseId, string? detail, string? access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var cmd = dataSource.CreateCommand(
            "INSERT INTO public.audit_log (at, actor_id, actor_name, client_id, case_id, action, detail, access) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
        cmd.Parameters.AddWithValue(clock.GetUtcNow());
        cmd.Parameters.AddWithValue(actor.UserId);
        cmd.Parameters.AddWithValue(actor.DisplayName);
        cmd.Parameters.AddWithValue((object?)actor.ClientId ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)caseId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(action);
        cmd.Parameters.AddWithValue((object?)detail ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)access ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Entries matching <paramref name="query"/>, newest first.</summary>
    public async Task<ImmutableArray<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT id, at, actor_id, actor_name, client_id, case_id, action, detail, access FROM public.audit_log
            WHERE ($1::text IS NULL OR case_id = $1) AND ($2::text IS NULL OR actor_id = $2)
              AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
              AND ($5::text IS NULL OR action = $5) AND ($6::bigint IS NULL OR id < $6)
            ORDER BY id DESC LIMIT $7
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.CaseId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.ActorId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.From ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.To ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Action ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Before ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.AddWithValue(Math.Clamp(query.Max, 1, MaxPage));
        var entries = ImmutableArray.CreateBuilder<AuditEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return entries.ToImmutable();
    }
}

/// <summary>What to look for in the audit; every part optional.</summary>
/// <param name="CaseId">One case.</param>
/// <param name="ActorId">One user or system (<c>system:{client}</c>).</param>
/// <param name="From">At or after.</param>
/// <param name="To">Before.</param>
/// <param name="Action">One kind of read, e.g. <c>case.read</c>.</param>
/// <param name="Before">Entries older than this id (paging).</param>
/// <param name="Max">At most this many.</param>
public sealed record AuditQuery(string? CaseId, string? ActorId, DateTimeOffset? From, DateTimeOffset? To, string? Action, long? Before, int Max);

/// <summary>One read on record.</summary>
/// <param name="Id">Its place in the audit (newer is larger).</param>
/// <param name="At">When.</param>
/// <param name="ActorId">Who: a user, or <c>system:{client}</c>.</param>
/// <param name="ActorName">Their name.</param>
/// <param name="ClientId">The partner system used, when not CaseGrid's web app.</param>
/// <param name="CaseId">The case read.</param>
/// <param name="Action">What kind of read.</param>
/// <param name="Detail">What exactly (a version, a meeting, a query).</param>
/// <param name="Access">How much they got: Full, HealthWithheld, DetailsWithheld; or Refused.</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, string ActorId, string ActorName, string? ClientId, string? CaseId, string Action, string? Detail, string? Access);

/// <summary>Recording reads as the endpoints and the hub see them.</summary>
public static class AuditLogExtensions
{
    /// <summary>Record a read of a case: refused (with its reason) or answered (with how much of the details it got).</summary>
    public static Task RecordReadAsync(this AuditLog audit, ActorRef actor, string action, string caseId, string? detail, DomainError? refusal, Contracts.Privacy.DetailAccess access)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return refusal is null
            ? audit.RecordAsync(actor, action, caseId, detail, access.ToString())
            : audit.RecordAsync(actor, action, caseId, detail is null ? refusal.Code : $"{detail}; {refusal.Code}", "Refused");
    }

    /// <summary>Record a read that carries no need-area details beyond what the grain already withholds (agendas, deadlines).</summary>
    public static Task RecordReadAsync(this AuditLog audit, ActorRef actor, string action, string caseId, string? detail, DomainError? refusal)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return refusal is null
            ? audit.RecordAsync(actor, action, caseId, detail, "Member")
            : audit.RecordReadAsync(actor, action, caseId, detail, refusal, default);
    }
}
