using System.Collections.Immutable;

namespace CaseGrid.Api.Audit;

/// <summary>Where the audit of reads is kept: append-only, queried newest first.</summary>
public interface IAuditStore
{
    /// <summary>Keep <paramref name="entry"/> (its <see cref="AuditEntry.Id"/> is the store's to give; the one passed is ignored).</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Entries matching <paramref name="query"/>, newest first, at most <paramref name="max"/>.</summary>
    Task<ImmutableArray<AuditEntry>> QueryAsync(AuditQuery query, int max, CancellationToken cancellationToken);
}
