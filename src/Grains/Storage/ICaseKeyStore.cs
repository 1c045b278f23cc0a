using CaseGrid.Contracts.Privacy;

namespace CaseGrid.Grains.Storage;

/// <summary>The per-case data keys and the record of erasures.</summary>
public interface ICaseKeyStore
{
    /// <summary>The case's key as stored now (never from a cache), or that it was erased.</summary>
    Task<CaseKeyLookup> FindAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>The case's key, made and stored if it has none; throws <see cref="CaseErasedException"/> for an erased case.</summary>
    Task<CaseDataKey> GetOrCreateAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erase the case: record who erased it, when and why, and in the same transaction delete its data key (its events
    /// become unreadable for good) and the kept answers to writes to it. Idempotent.
    /// </summary>
    Task EraseAsync(string caseId, string erasedBy, string? clientId, ErasureReason reason, CancellationToken cancellationToken = default);
}
