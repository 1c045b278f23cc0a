using CaseGrid.Domain;
using CaseGrid.Grains.Storage;
using Orleans.Serialization;

namespace CaseGrid.Grains.Cases;

/// <summary>
/// Case snapshots to and from their stored form: Orleans' serializer (the one the cluster already carries case states
/// with), sealed under the case's data key for the snapshot's version and this fold's version.
/// </summary>
internal sealed class CaseSnapshotCodec(Serializer<CaseSnapshot> serializer)
{
    /// <summary>The snapshot sealed under <paramref name="key"/>.</summary>
    public SealedSnapshot Seal(CaseSnapshot snapshot, CaseDataKey key)
    {
        var version = snapshot.State.Version;
        return new SealedSnapshot(version, CaseEvolver.FoldVersion, key.SealSnapshot(version, CaseEvolver.FoldVersion, serializer.SerializeToArray(snapshot)));
    }

    /// <summary>
    /// The snapshot opened; throws when it was not sealed under <paramref name="key"/> for its version and fold, or does
    /// not read back as a snapshot of this case at that version.
    /// </summary>
    public CaseSnapshot Open(SealedSnapshot stored, CaseDataKey key)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(key);
        var snapshot = serializer.Deserialize(key.OpenSnapshot(stored.Version, stored.FoldVersion, stored.Sealed));
        return snapshot?.State is { } state && state.Version == stored.Version && state.CaseId == key.CaseId
            ? snapshot with { State = SharedStrings.ShareNamesIn(CaseEvolver.ShareOpeningAreas(state)) }
            : throw new InvalidDataException($"A snapshot of case '{key.CaseId}' does not hold the case at version {stored.Version}.");
    }
}
