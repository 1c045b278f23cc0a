using CaseGrid.Contracts.Cases;

namespace CaseGrid.Grains.Storage;

/// <summary>The append-only event log of cases: the truth every case is rebuilt from.</summary>
public interface ICaseEventStore
{
    /// <summary>Up to <paramref name="max"/> events of a case after <paramref name="afterVersion"/>, oldest first.</summary>
    Task<IReadOnlyList<CaseEventRecord>> ReadAsync(string caseId, long afterVersion, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Append events whose versions follow on from the log's last one. Throws <see cref="CaseVersionConflictException"/>
    /// when another writer appended first; nothing is written then.
    /// </summary>
    Task AppendAsync(string caseId, IReadOnlyList<CaseEventRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// The versions (first and last) the command with <paramref name="commandId"/> from <paramref name="actorId"/> (and
    /// <paramref name="clientId"/>) wrote to a case, or null when the log holds none of it.
    /// </summary>
    Task<(long First, long Last)?> FindCommandAsync(string caseId, string actorId, string? clientId, string commandId, CancellationToken cancellationToken = default);

    /// <summary>Every case id in the log.</summary>
    IAsyncEnumerable<string> ListCaseIdsAsync(CancellationToken cancellationToken = default);
}
