using CaseGrid.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace CaseGrid.Grains.Cases;

/// <summary>
/// Takes one case activation's snapshots, off the path of its answers: a snapshot is made in the grain's turn (the
/// state is immutable, the command memory copied) and sealed and written on the thread pool, one at a time. A write
/// that fails is logged and forgotten: the log is the truth, and the next change tries again.
/// </summary>
internal sealed partial class CaseSnapshotter(string caseId, ICaseSnapshotStore store, CaseSnapshotCodec codec, int every, ILogger logger)
{
    private Task<long> _writing = Task.FromResult(0L);

    /// <summary>The version of the stored snapshot, as far as this activation knows (0: none it could use).</summary>
    private long _saved;

    /// <summary>The version the activation loaded: it wrote nothing of its own while the state is there.</summary>
    private long _loaded;

    /// <summary>The stored snapshot could not be used (unreadable, or ahead of the log): the next one replaces it whatever it says.</summary>
    private bool _replace;

    /// <summary>The activation loaded the case at <paramref name="version"/>, resuming from a snapshot at <paramref name="saved"/> (0 for none).</summary>
    public void Loaded(long version, long saved, bool replace)
    {
        (_loaded, _saved, _replace) = (version, saved, replace);
    }

    /// <summary>After an append or a load: start a snapshot's write when the state is far enough past the last one.</summary>
    public void Consider(long version, CaseDataKey? key, Func<CaseSnapshot> take)
    {
        if (!_writing.IsCompleted)
        {
            return;
        }

        _saved = Math.Max(_saved, _writing.Result);
        if (key is null || version - _saved < every)
        {
            return;
        }

        var snapshot = take();
        var replace = _replace;
        _replace = false;
        _writing = Task.Run(() => WriteAsync(snapshot, key, replace));
    }

    /// <summary>On deactivation: wait for a write under way, then write one if this activation changed the case since the last.</summary>
    public async Task FlushAsync(long version, CaseDataKey? key, Func<CaseSnapshot> take)
    {
        _saved = Math.Max(_saved, await _writing);
        if (key is not null && version > _saved && version > _loaded)
        {
            var replace = _replace;
            _replace = false;
            _writing = WriteAsync(take(), key, replace);
            _saved = Math.Max(_saved, await _writing);
        }
    }

    /// <summary>Wait for a write under way (before the case is erased, so none lands after).</summary>
    public Task DrainAsync() => _writing;

    /// <summary>Seal and store; the version stored, or 0 when it failed (never throws).</summary>
    private async Task<long> WriteAsync(CaseSnapshot snapshot, CaseDataKey key, bool replace)
    {
        try
        {
            await store.WriteAsync(caseId, codec.Seal(snapshot, key), replace);
            return snapshot.State.Version;
        }
        catch (Exception e)
        {
            LogSnapshotFailed(logger, e, caseId, snapshot.State.Version);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: the snapshot at version {Version} could not be written; the log is folded further on the next activation")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string caseId, long version);
}
