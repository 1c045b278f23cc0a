namespace CaseGrid.Grains.Storage;

/// <summary>
/// Case snapshots beside the event log, one per case: only a shortcut to a case's state, never the truth (the log is).
/// Each is sealed under the case's data key, and erasing the case deletes it (<see cref="ICaseKeyStore.EraseAsync"/>).
/// </summary>
public interface ICaseSnapshotStore
{
    /// <summary>
    /// The key, the snapshot and up to <paramref name="max"/> events of a case (see <see cref="CaseOpening"/>): events from
    /// the snapshot's version when it was made by <paramref name="foldVersion"/>, else from version 1.
    /// </summary>
    Task<CaseOpening> OpenAsync(string caseId, int foldVersion, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Store a snapshot, only forward: one of the same fold at the same or a later version stays (one of another fold is
    /// replaced). With <paramref name="replace"/> it replaces whatever is stored (one found unreadable, or ahead of the
    /// log). Nothing is stored for a case without a key (erased, or never written).
    /// </summary>
    Task WriteAsync(string caseId, SealedSnapshot snapshot, bool replace = false, CancellationToken cancellationToken = default);
}
