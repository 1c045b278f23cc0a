using CaseGrid.Contracts.Cases;

namespace CaseGrid.Grains.Storage;

/// <summary>
/// The append-only event log of cases: the truth every case is rebuilt from. Every event is stored sealed under its
/// case's data key (see <see cref="ICaseKeyStore"/>); a caller that holds the key passes it, others have it looked up.
/// </summary>
public interface ICaseEventStore
{
    /// <summary>
    /// Up to <paramref name="max"/> events of a case after <paramref name="afterVersion"/>, oldest first. Throws
    /// <see cref="CaseErasedException"/> when the case's events are sealed and its key is gone.
    /// </summary>
    Task<IReadOnlyList<CaseEventRecord>> ReadAsync(string caseId, long afterVersion, int max, CaseDataKey? key = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Append events whose versions follow on from the log's last one, sealed under the case's key (made when the case
    /// has none). Throws <see cref="CaseVersionConflictException"/> when another writer appended first (nothing is
    /// written then), and <see cref="CaseErasedException"/> for an erased case.
    /// </summary>
    Task AppendAsync(string caseId, IReadOnlyList<CaseEventRecord> records, CaseDataKey? key = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The versions (first and last) the command with <paramref name="commandId"/> from <paramref name="actorId"/> (and
    /// <paramref name="clientId"/>) wrote to a case, with the command's digest, or null when the log holds none of it.
    /// </summary>
    Task<CommandSpan?> FindCommandAsync(string caseId, string actorId, string? clientId, string commandId, CancellationToken cancellationToken = default);

    /// <summary>Whether the case has events stored before sealing existed (in plaintext, which erasing the key would not reach).</summary>
    Task<bool> HasUnsealedAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every case's whole log, one case at a time, in one streaming read (each key held only while its case is read);
    /// erased cases are left out. For readers of all cases, such as the indicators, that must not wake every grain.
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<CaseEventRecord>> ReadAllCasesAsync(CancellationToken cancellationToken = default);

    /// <summary>Every case id in the log, but for erased cases.</summary>
    IAsyncEnumerable<string> ListCaseIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> ids of cases with an event of <paramref name="eventType"/> (the type is stored in the clear), erased ones included.</summary>
    IAsyncEnumerable<string> ListCaseIdsWithEventAsync(string eventType, int max, CancellationToken cancellationToken = default);
}
