using CaseGrid.Contracts.Cases;

namespace CaseGrid.Grains.Storage;

/// <summary>
/// What a case's activation reads first, in as few round trips as the store allows: the case's key (or that it was
/// erased), its snapshot if it has one, and the first events it folds. When the snapshot is of the fold asked for,
/// <see cref="Events"/> starts at the snapshot's own version (so a log that does not reach it shows), else at version 1.
/// </summary>
/// <param name="Key">The case's key, or that it was erased.</param>
/// <param name="Snapshot">The stored snapshot, of whatever fold; null when there is none (and always for an erased case).</param>
/// <param name="Events">Up to the number asked for of the log's events, oldest first, from where <see cref="EventsFrom"/> says.</param>
/// <param name="EventsFrom">The version the events were read from: the snapshot's, or 1.</param>
public sealed record CaseOpening(CaseKeyLookup Key, SealedSnapshot? Snapshot, IReadOnlyList<CaseEventRecord> Events, long EventsFrom);
