using System.Collections.Immutable;
using CaseGrid.Contracts.Common;

namespace CaseGrid.Api.Audit;

/// <summary>
/// The audit of reads (domain §9): who read which case, through which system, when, what, and how much of the details
/// they got. A read is recorded before its answer leaves, so nothing is read without a trace; if the record cannot be
/// written, the read fails. Changes need no record here: the event log holds who, which system, when and what.
/// </summary>
public sealed class AuditLog(IAuditStore store, TimeProvider clock)
{
    /// <summary>The most entries one query returns.</summary>
    public const int MaxPage = 1000;

    /// <summary>Record that <paramref name="actor"/> read <paramref name="caseId"/>.</summary>
    public Task RecordAsync(ActorRef actor, string action, string? caseId, string? detail, string? access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return store.AppendAsync(new AuditEntry(0, clock.GetUtcNow(), actor.UserId, actor.DisplayName, actor.ClientId, caseId, action, detail, access), cancellationToken);
    }

    /// <summary>Entries matching <paramref name="query"/>, newest first.</summary>
    public Task<ImmutableArray<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return store.QueryAsync(query, Math.Clamp(query.Max, 1, MaxPage), cancellationToken);
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
